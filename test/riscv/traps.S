// Exceptions: ECALL from each mode, EBREAK, illegal instructions, access
// faults, with the right cause, epc and tval, and medeleg delegation to S.
#include "rvtest.h"
  .text
  .globl main
main:
  la t0, s_trap
  csrw stvec, t0
  li a7, 0                  // not the ENTER_M request
  // ECALL from M, S and U, not delegated: cause 11, 9, 8; mepc = the ecall.
  EXPECT_TRAP(1, 3, CAUSE_ECALL_M, 5: ecall)
  CHECK_EPC_LABEL(2, 5b)
  GOTO_S
  EXPECT_TRAP(3, 3, CAUSE_ECALL_S, li a7, 0; 5: ecall)
  CHECK_EPC_LABEL(4, 5b)
  LOAD_TRAP_STATUS(a0)
  TEST_CASE(5, a0, MSTATUS_MPP_S, li a1, MSTATUS_MPP; and a0, a0, a1)   // MPP = S
  SGOTO_U
  EXPECT_TRAP(6, 3, CAUSE_ECALL_U, li a7, 0; ecall)
  LOAD_TRAP_STATUS(a0)
  TEST_CASE(7, a0, MSTATUS_MPP_U, li a1, MSTATUS_MPP; and a0, a0, a1)   // MPP = U
  // EBREAK and illegal instructions in U; mtval holds the instruction.
  EXPECT_TRAP(8, 3, CAUSE_BREAKPOINT, .option push; .option norvc; 5: ebreak; .option pop)
  CHECK_EPC_LABEL(9, 5b)
  EXPECT_TRAP(10, 3, CAUSE_ILLEGAL, 5: .word 0xfe000033)   // add with a bad funct7
  CHECK_TVAL(11, 0xfe000033)
  CHECK_EPC_LABEL(12, 5b)
  EXPECT_TRAP(13, 3, CAUSE_ILLEGAL, mret)                 // privileged in U
  CHECK_TVAL(14, 0x30200073)
  EXPECT_TRAP(15, 3, CAUSE_ILLEGAL, sret)
  EXPECT_TRAP(16, 3, CAUSE_ILLEGAL, wfi)                  // U may not wait
  EXPECT_TRAP(17, 3, CAUSE_ILLEGAL, sfence.vma)
  ENTER_M

  // medeleg sends U's ecalls to S; scause, sepc, stval and sstatus.SPP tell.
  li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT)
  csrw medeleg, t0
  GOTO_U
  EXPECT_TRAP(18, 1, CAUSE_ECALL_U, li a7, 0; 5: ecall)
  CHECK_EPC_LABEL(19, 5b)
  LOAD_TRAP_STATUS(a0)
  TEST_CASE(20, a0, 0, andi a0, a0, SSTATUS_SPP)        // came from U
  EXPECT_TRAP(21, 1, CAUSE_ILLEGAL, 5: .word 0xfe000033)
  CHECK_TVAL(22, 0xfe000033)
  EXPECT_TRAP(23, 1, CAUSE_BREAKPOINT, c.ebreak)
  ENTER_M
  // A delegated cause raised in S goes to S too (SPP = S)...
  GOTO_S
  EXPECT_TRAP(24, 1, CAUSE_ILLEGAL, .word 0xfe000033)
  LOAD_TRAP_STATUS(a0)
  TEST_CASE(25, a0, SSTATUS_SPP, andi a0, a0, SSTATUS_SPP)
  // ...but an ecall from S is not delegated here, and goes to M.
  EXPECT_TRAP(26, 3, CAUSE_ECALL_S, li a7, 0; ecall)
  ENTER_M
  // Delegation never takes a trap away from M-mode code.
  EXPECT_TRAP(27, 3, CAUSE_ILLEGAL, .word 0xfe000033)
  EXPECT_TRAP(28, 3, CAUSE_BREAKPOINT, ebreak)
  // (medeleg[11] should read as zero, but QEMU 7.2 keeps it: not checked.)
  csrw medeleg, zero

  // Access faults: nothing answers at address 0. mtval is the address.
  EXPECT_TRAP(30, 3, CAUSE_LOAD_ACCESS, li a1, 0; ld a0, 0(a1))
  CHECK_TVAL(31, 0)
  EXPECT_TRAP(32, 3, CAUSE_STORE_ACCESS, li a1, 0; sw a0, 8(a1))
  CHECK_TVAL(33, 8)
  EXPECT_TRAP(34, 3, CAUSE_FETCH_ACCESS, li a1, 0; jalr a1)
  CHECK_TVAL(35, 0)
  // ...and the same from S, where PMP lets everything through.
  GOTO_S
  EXPECT_TRAP(36, 3, CAUSE_LOAD_ACCESS, li a1, 0; lw a0, 4(a1))
  CHECK_TVAL(37, 4)
  ENTER_M

  // mtvec in vectored mode still sends exceptions to the base.
  la t0, m_trap
  ori t0, t0, 1
  csrw mtvec, t0
  EXPECT_TRAP(38, 3, CAUSE_ILLEGAL, .word 0xfe000033)
  la t0, m_trap
  csrw mtvec, t0
  PASS
