// Misaligned loads and stores to RAM complete with the right value, as on
// QEMU 7.2 (the spec lets a hart either do that or trap: we do it), also
// across a page boundary and in S- and U-mode.
#include "rvtest.h"
  .text
  .globl main
main:
  la s0, buf
  li a1, 0x0706050403020100
  sd a1, 0(s0)
  li a1, 0x0f0e0d0c0b0a0908
  sd a1, 8(s0)
  li a1, 0x8786858483828180
  sd a1, 16(s0)
  // Loads at every misaligned offset of their width, with sign extension.
  TEST_CASE(1, a0, 0x0201, lh a0, 1(s0))
  TEST_CASE(2, a0, 0xffffffffffff8180, lh a0, 16(s0))
  TEST_CASE(3, a0, 0xffffffffffff800f, lh a0, 15(s0))
  TEST_CASE(4, a0, 0x800f, lhu a0, 15(s0))
  TEST_CASE(5, a0, 0x04030201, lw a0, 1(s0))
  TEST_CASE(6, a0, 0x05040302, lw a0, 2(s0))
  TEST_CASE(7, a0, 0x06050403, lw a0, 3(s0))
  TEST_CASE(8, a0, 0xffffffff81800f0e, lw a0, 14(s0))
  TEST_CASE(9, a0, 0x81800f0e, lwu a0, 14(s0))
  TEST_CASE(10, a0, 0x0807060504030201, ld a0, 1(s0))
  TEST_CASE(11, a0, 0x0c0b0a0908070605, ld a0, 5(s0))
  TEST_CASE(12, a0, 0x838281800f0e0d0c, ld a0, 12(s0))
  // Stores write exactly their bytes.
  TEST_CASE(13, a0, 0x0706050403aabb00, li a1, 0xaabb; sh a1, 1(s0); ld a0, 0(s0))
  TEST_CASE(14, a0, 0x070611223344bb00, li a1, 0x11223344; sw a1, 2(s0); ld a0, 0(s0))
  TEST_CASE(15, a0, 0xdeadbeefcafef00d, li a1, 0xdeadbeefcafef00d; sd a1, 3(s0); ld a0, 3(s0))
  TEST_CASE(16, a0, 0x0bdead, ld a0, 8(s0); srli a0, a0, 8; li a1, 0xffffff; and a0, a0, a1)
  // Across a page boundary.
  la s1, page_end
  TEST_CASE(17, a0, 0x1122334455667788, li a1, 0x1122334455667788; sd a1, -3(s1); ld a0, -3(s1))
  TEST_CASE(18, a0, 0x55667788, lwu a0, -3(s1))
  TEST_CASE(19, a0, 0x33445566, lw a0, -1(s1))
  TEST_CASE(20, a0, 0x11, lbu a0, 4(s1))
  // The same from S and U.
  GOTO_S
  TEST_CASE(21, a0, 0x5566, lhu a0, -1(s1))
  SGOTO_U
  TEST_CASE(22, a0, 0x9988, li a1, 0x9988; sh a1, -1(s1); lhu a0, -1(s1))
  TEST_CASE(23, a0, 0x33449988, lwu a0, -1(s1))
  ENTER_M
  PASS

  .data
  .align 4
buf: .zero 32
  .align 12
  .zero 4096 - 8
  .dword 0
page_end:
  .dword 0
