// RV64C: every compressed form an RV64 hart has, written with explicit c.*
// mnemonics so the assembler cannot choose the 32-bit encoding.
#include "rvtest.h"
  .text
  .globl main
main:
  la s0, buf
  // Loads and stores: CL/CS with x8-x15, and the sp-relative forms.
  TEST_CASE(1, a0, 0xffffffff89abcdef, li a1, 0x0123456789abcdef; c.sd a1, 8(s0); c.lw a0, 8(s0))
  TEST_CASE(2, a0, 0x0123456789abcdef, c.ld a0, 8(s0))
  TEST_CASE(3, a0, 0x0123456700000005, li a1, 5; c.sw a1, 8(s0); c.ld a0, 8(s0))
  TEST_CASE(4, a0, 0x1122334455667788, li a1, 0x1122334455667788; c.sdsp a1, 504(sp); c.ldsp a0, 504(sp))
  TEST_CASE(5, a0, 0xffffffffdeadbeef, li a1, 0xdeadbeef; c.swsp a1, 252(sp); c.lwsp a0, 252(sp))
  // Stack pointer arithmetic: ADDI4SPN (zero-extended, scaled by 4) and
  // ADDI16SP (signed, scaled by 16).
  TEST_CASE(6, a0, 1020, c.addi4spn a0, sp, 1020; sub a0, a0, sp)
  TEST_CASE(7, a0, -512, mv s1, sp; c.addi16sp sp, -512; sub a0, sp, s1; mv sp, s1)
  TEST_CASE(8, a0, 496, mv s1, sp; c.addi16sp sp, 496; sub a0, sp, s1; mv sp, s1)
  // Constants: C.LI and C.LUI sign-extend (C.LUI's 6-bit field fills 17:12).
  TEST_CASE(9, a0, -32, c.li a0, -32)
  TEST_CASE(10, a0, 31, c.li a0, 31)
  TEST_CASE(11, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
  TEST_CASE(12, a0, 0x1f000, c.lui a0, 0x1f)
  TEST_CASE(13, a0, 0xfffffffffffff000, c.lui a0, 0xfffff)
  // Immediate arithmetic.
  TEST_CASE(14, a0, 9, li a0, 10; c.addi a0, -1)
  TEST_CASE(15, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
  TEST_CASE(16, a0, 0xffffffffffffffff, li a0, 0xffffffff; c.addiw a0, 0)   // sext.w
  TEST_CASE(17, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
  TEST_CASE(18, a0, 1, li a0, 0x8000000000000000; c.srli a0, 63)
  TEST_CASE(19, a0, -1, li a0, 0x8000000000000000; c.srai a0, 63)
  TEST_CASE(20, a0, 0xf000000070000000, li a0, 0xe0000000e0000000; c.srai a0, 1)
  TEST_CASE(21, a0, 0x12340000, li a0, 0x1234000000000000; c.srli a0, 32)
  TEST_CASE(22, a0, 0x12, li a0, 0xf2; c.andi a0, 0x1f)
  TEST_CASE(23, a0, 0xf2, li a0, 0xf2; c.andi a0, -1)
  TEST_CASE(24, a0, 0xf0, li a0, 0xf2; c.andi a0, -16)
  // Register arithmetic.
  TEST_CASE(25, a0, 3, li a0, 5; li a1, 2; c.sub a0, a1)
  TEST_CASE(26, a0, 6, li a0, 5; li a1, 3; c.xor a0, a1)
  TEST_CASE(27, a0, 7, li a0, 5; li a1, 3; c.or a0, a1)
  TEST_CASE(28, a0, 1, li a0, 5; li a1, 3; c.and a0, a1)
  TEST_CASE(29, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, -1; c.subw a0, a1)
  TEST_CASE(30, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 1; c.addw a0, a1)
  TEST_CASE(31, a0, 0x100000001, li a0, 0x100000000; li a1, 1; c.add a0, a1)
  TEST_CASE(32, a0, 77, li a1, 77; c.mv a0, a1)
  TEST_CASE(33, a0, 0, li a0, 0; c.nop)
  // Jumps and branches.
  TEST_CASE(34, a0, 1, li a0, 0; c.j 5f; li a0, 2; 5: addi a0, a0, 1)
  TEST_CASE(35, a0, 1, li a0, 0; c.beqz a0, 5f; li a0, 2; 5: addi a0, a0, 1)
  TEST_CASE(36, a0, 3, li a0, 2; c.beqz a0, 5f; li a0, 2; 5: addi a0, a0, 1)
  TEST_CASE(37, a0, 4, li a0, 3; c.bnez a0, 5f; li a0, 9; 5: addi a0, a0, 1)
  TEST_CASE(38, a0, 1, li a0, 0; c.bnez a0, 5f; li a0, 0; 5: addi a0, a0, 1)
  TEST_CASE(39, a0, 1, li a0, 0; la a1, 5f; c.jr a1; li a0, 2; 5: addi a0, a0, 1)
  // C.JALR links pc + 2; a target with bit 0 set is rounded down.
  TEST_CASE(40, a0, 0, la a1, 6f; c.jalr a1; 5: j 7f; 6: la a2, 5b; sub a0, ra, a2; c.jr ra; 7:)
  TEST_CASE(41, a0, 1, li a0, 0; la a1, 5f + 1; c.jr a1; li a0, 2; 5: addi a0, a0, 1)
  TEST_CASE(42, a0, 5, li a0, 0; la a1, 5f + 1; c.jalr a1; j 6f; 5: li a0, 5; c.jr ra; 6:)
  // A backward compressed loop.
  TEST_CASE(43, a0, 8, li a0, 0; li a1, 8; 5: c.addi a0, 1; bne a0, a1, 5b)
  // C.EBREAK traps as a breakpoint; 0x0000 is reserved as illegal, with
  // mtval = 0 (the instruction's bits).
  EXPECT_TRAP(44, 3, CAUSE_BREAKPOINT, c.ebreak)
  CHECK_EPC_LABEL(45, 2b - 2)
  EXPECT_TRAP(46, 3, CAUSE_ILLEGAL, .2byte 0)
  CHECK_TVAL(47, 0)
  // Compressed and full-size instructions mix on 2-byte boundaries.
  TEST_CASE(48, a0, 2, li a0, 0; c.addi a0, 1; .option push; .option norvc; addi a0, a0, 1; .option pop; c.nop)
  PASS

  .data
  .align 4
buf: .zero 32
