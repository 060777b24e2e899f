// RV64I: every base instruction, with the edges software relies on.
#include "rvtest.h"
  .text
  .globl main
main:
  // ADD/SUB wrap around silently; x0 reads as zero and ignores writes.
  TEST_RR(1, add, 0, -1, 1)
  TEST_RR(2, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_RR(3, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
  TEST_RR(4, sub, -1, 0, 1)
  TEST_CASE(5, a0, 0, li a0, 5; add x0, a0, a0; mv a0, x0)
  TEST_CASE(6, a0, 0, li a0, 5; addi x0, x0, 7; lui x0, 1; add a0, x0, x0)
  TEST_RI(7, addi, -1, 0, -1)
  TEST_RI(8, addi, 0x7ff, 0, 2047)
  TEST_RI(9, addi, -2048, 0, -2048)
  // Logic with sign-extended 12-bit immediates.
  TEST_RR(10, and, 0x0f0f, 0xff0f, 0x0fff)
  TEST_RR(11, or, 0xffff, 0xff00, 0x00ff)
  TEST_RR(12, xor, 0xf00f, 0xff0f, 0x0f00)
  TEST_RI(13, andi, 0x123, 0x123, -1)
  TEST_RI(14, ori, -1, 0, -1)
  TEST_RI(15, xori, ~0x1234, 0x1234, -1)
  // Comparisons, signed and unsigned.
  TEST_RR(16, slt, 1, -1, 0)
  TEST_RR(17, sltu, 0, -1, 0)
  TEST_RR(18, sltu, 1, 0, -1)
  TEST_RI(19, slti, 1, -2, -1)
  TEST_RI(20, sltiu, 1, 5, -1)      // immediate sign-extends, then compares unsigned
  TEST_RI(21, sltiu, 0, -1, -1)
  TEST_RR(22, slt, 0, 5, 5)
  // Shifts: by 63, and only the low 6 bits of rs2 count.
  TEST_RR(23, sll, 0x8000000000000000, 1, 63)
  TEST_RR(24, sll, 2, 1, 65)
  TEST_RR(25, srl, 1, 0x8000000000000000, 63)
  TEST_RR(26, sra, -1, 0x8000000000000000, 63)
  TEST_RR(27, sra, 0xc000000000000000, 0x8000000000000000, 0x41)
  TEST_RI(28, slli, 0x8000000000000000, 1, 63)
  TEST_RI(29, srli, 1, 0x8000000000000000, 63)
  TEST_RI(30, srai, -1, 0x8000000000000000, 63)
  // W forms: compute on 32 bits, sign-extend the result.
  TEST_RR(31, addw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_RR(32, addw, 0, 0xffffffff, 1)
  TEST_RR(33, subw, 0x7fffffff, 0x80000000, 1)
  TEST_RI(34, addiw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_RI(35, addiw, 1, 0x100000000, 1)    // upper bits of rs1 ignored
  TEST_RR(36, sllw, 0xffffffff80000000, 1, 31)
  TEST_RR(37, sllw, 2, 1, 33)               // shamt masked to 5 bits
  TEST_RR(38, srlw, 1, 0x80000000, 31)
  TEST_RR(39, srlw, 0x7fffffff, -1, 1)
  TEST_RR(40, sraw, -1, 0x80000000, 31)
  TEST_RR(41, sraw, 0xffffffffc0000000, 0x80000000, 33)
  TEST_RI(42, slliw, 0xffffffff80000000, 1, 31)
  TEST_RI(43, srliw, 1, 0xffffffff80000000, 31)
  TEST_RI(44, sraiw, -1, 0x80000000, 31)
  TEST_RI(45, sraiw, 0x12345678, 0xff12345678, 0)  // the sign-extension alone
  // LUI/AUIPC with negative values sign-extend to 64 bits.
  TEST_CASE(46, a0, 0xfffffffffffff000, lui a0, 0xfffff)
  TEST_CASE(47, a0, 0xffffffff80000000, lui a0, 0x80000)
  TEST_CASE(48, a0, 0x7ffff000, lui a0, 0x7ffff)
  TEST_CASE(49, a0, -0x1000, 1: auipc a0, 0xfffff; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(50, a0, -0x80000000, 1: auipc a0, 0x80000; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(51, a0, 0, 1: auipc a0, 0; la a1, 1b; sub a0, a0, a1)

  // Branches, taken and not taken, signed and unsigned.
#define BR_TAKEN(n, br, v1, v2) \
  TEST_CASE(n, a0, 1, li a0, 0; li a1, v1; li a2, v2; br a1, a2, 5f; j 6f; 5: li a0, 1; 6:)
#define BR_NOT(n, br, v1, v2) \
  TEST_CASE(n, a0, 1, li a0, 0; li a1, v1; li a2, v2; br a1, a2, 6f; li a0, 1; 6:)
  BR_TAKEN(52, beq, -1, -1)
  BR_NOT(53, beq, 0, 1)
  BR_TAKEN(54, bne, 0, 1)
  BR_NOT(55, bne, 3, 3)
  BR_TAKEN(56, blt, -1, 0)
  BR_NOT(57, blt, 0, -1)
  BR_NOT(58, blt, 7, 7)
  BR_TAKEN(59, bge, 0, -1)
  BR_TAKEN(60, bge, 7, 7)
  BR_NOT(61, bge, -1, 0)
  BR_TAKEN(62, bltu, 0, -1)
  BR_NOT(63, bltu, -1, 0)
  BR_TAKEN(64, bgeu, -1, 0)
  BR_NOT(65, bgeu, 0, -1)
  // A backward branch loop runs the right number of times.
  TEST_CASE(66, a0, 10, li a0, 0; li a1, 10; 5: addi a0, a0, 1; bne a0, a1, 5b)

  // JAL/JALR link the next pc; JALR clears bit 0 of the target; rd = rs1 works.
  TEST_CASE(67, a0, 0, la a2, 5f; jal a1, 5f; 5: sub a0, a1, a2)
  TEST_CASE(68, a0, 1, li a0, 0; la a1, 5f + 1; jalr ra, a1, 0; j 6f; 5: li a0, 1; 6:)
  TEST_CASE(69, a0, 1, li a0, 0; la a1, 5f - 1; jalr ra, a1, 2; j 6f; 6: j 7f; 5: li a0, 1; 7:)
  TEST_CASE(70, a0, 0, la a1, 5f; jalr a1, a1, 0; 5: la a2, 5b; sub a0, a1, a2)
  TEST_CASE(71, a0, 4, la a2, 5f; jalr a1, 0(a2); 5: la a3, 5b; sub a0, a1, a3; addi a0, a0, 4)
  TEST_CASE(72, a0, 0, li a0, 0; la a1, 5f; jalr x0, a1, 0; li a0, 1; 5:)

  // Loads sign- or zero-extend; stores write only their width.
  la s0, data
#define LD(n, op, exp, off) TEST_CASE(n, a0, exp, op a0, off(s0))
  LD(73, lb, -1, 0)
  LD(74, lbu, 0xff, 0)
  LD(75, lh, 0xfffffffffffffeff, 0)
  LD(76, lhu, 0xfeff, 0)
  LD(77, lw, 0xfffffffffcfdfeff, 0)
  LD(78, lwu, 0xfcfdfeff, 0)
  LD(79, ld, 0xf8f9fafbfcfdfeff, 0)
  LD(80, lb, 0x7f, 11)
  LD(81, lh, 0x7fff, 10)
  LD(82, lw, 0x7fffffff, 8)
  LD(83, lb, -8, 7)                   // negative offsets and odd bytes
  TEST_CASE(84, a0, 0xf9, addi s1, s0, 8; lbu a0, -2(s1))
  TEST_CASE(85, a0, 0xf8f9fafbfcfd55ff, li a1, 0x1255; sb a1, 1(s0); ld a0, 0(s0))
  TEST_CASE(86, a0, 0xf8f9fafb1234aaff, li a1, 0x71234aaaa; sh a1, 1(s0); sw a1, 4(s0); sh a1, 1(s0); sw zero, 4(s0); li a1, 0xf8f9fafb; sw a1, 4(s0); li a1, 0x1234; sh a1, 2(s0); li a1, 0xaa; sb a1, 1(s0); ld a0, 0(s0))
  TEST_CASE(87, a0, 0x0123456789abcdef, li a1, 0x0123456789abcdef; sd a1, 16(s0); ld a0, 16(s0))
  TEST_CASE(88, a0, 0, lw x0, 0(s0); mv a0, x0)    // a load into x0 is discarded

  // FENCE and FENCE.I are accepted and code written before FENCE.I runs.
  TEST_CASE(89, a0, 0, fence; fence rw, rw; fence.i; li a0, 0)
  la a1, patch
  lw a2, new_insn
  sw a2, 0(a1)
  fence.i
  TEST_CASE(90, a0, 42, li a0, 0; jal ra, patch)
  PASS

  .align 2
  .option push
  .option norvc
patch:
  li a0, 1        // rewritten to `li a0, 42` above
  ret
new_insn:
  li a0, 42
  .option pop

  .data
  .align 3
data:
  .byte 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8
  .byte 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0
  .dword 0
