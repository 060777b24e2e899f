// RV64M: multiply and divide, including division by zero and the one
// signed overflow case, which never trap: they have defined results.
#include "rvtest.h"
#define MIN64 0x8000000000000000
#define MIN32 0xffffffff80000000
  .text
  .globl main
main:
  TEST_RR(1, mul, 6, 2, 3)
  TEST_RR(2, mul, -6, -2, 3)
  TEST_RR(3, mul, 1, -1, -1)
  TEST_RR(4, mul, MIN64, MIN64, -1)          // low half wraps
  TEST_RR(5, mul, 0xfffffffe00000001, 0xffffffff, 0xffffffff)
  // High halves: signed x signed, unsigned x unsigned, signed x unsigned.
  TEST_RR(6, mulh, -1, -1, 1)
  TEST_RR(7, mulh, 0, -1, -1)
  TEST_RR(8, mulh, 0x4000000000000000, MIN64, MIN64)
  TEST_RR(9, mulhu, 0xfffffffffffffffe, -1, -1)
  TEST_RR(10, mulhu, 0, -1, 1)
  TEST_RR(11, mulhsu, -1, -1, 1)
  TEST_RR(12, mulhsu, -1, -1, -1)            // -1 * (2^64-1): high half is -1
  TEST_RR(13, mulhsu, 0, 1, -1)
  TEST_RR(14, mulhu, 1, 0x100000000, 0x100000000)
  // MULW: low 32 bits, sign-extended; upper input bits ignored.
  TEST_RR(15, mulw, MIN32, 0x10000, 0x8000)
  TEST_RR(16, mulw, 1, 0xffffffff, 0xffffffff)
  TEST_RR(17, mulw, 6, 0x500000002, 0x700000003)

  // Division rounds toward zero; remainder takes the dividend's sign.
  TEST_RR(18, div, -3, -7, 2)
  TEST_RR(19, rem, -1, -7, 2)
  TEST_RR(20, div, -3, 7, -2)
  TEST_RR(21, rem, 1, 7, -2)
  TEST_RR(22, divu, 0x7fffffffffffffff, -1, 2)
  TEST_RR(23, remu, 1, -1, 2)
  // Division by zero: quotient all ones, remainder the dividend.
  TEST_RR(24, div, -1, 42, 0)
  TEST_RR(25, divu, -1, 42, 0)
  TEST_RR(26, rem, 42, 42, 0)
  TEST_RR(27, remu, -42, -42, 0)
  TEST_RR(28, div, -1, MIN64, 0)
  // Signed overflow: MIN / -1 = MIN, remainder 0.
  TEST_RR(29, div, MIN64, MIN64, -1)
  TEST_RR(30, rem, 0, MIN64, -1)
  // The W forms, with the same edges at 32 bits.
  TEST_RR(31, divw, -3, 0xfffffff9, 2)       // -7 in the low word
  TEST_RR(32, remw, -1, 0xfffffff9, 2)
  TEST_RR(33, divuw, 0x7ffffffc, 0xfffffff9, 2)
  TEST_RR(34, remuw, 1, 0xfffffff9, 2)
  TEST_RR(35, divw, -1, 42, 0)
  TEST_RR(36, divuw, -1, 42, 0)              // all ones, sign-extended
  TEST_RR(37, remw, 42, 0x1000000002a, 0)
  TEST_RR(38, remuw, MIN32, 0x80000000, 0)   // dividend's low word, sign-extended
  TEST_RR(39, divw, MIN32, 0x80000000, -1)
  TEST_RR(40, remw, 0, 0x80000000, -1)
  TEST_RR(41, divuw, 0xffffffff80000000, 0x180000000, 1)  // 2^31 sign-extends
  TEST_RR(42, div, 0, 0, 5)
  TEST_CASE(43, a0, 0, li a1, 7; li a2, 0; div x0, a1, a2; mv a0, x0)
  PASS
