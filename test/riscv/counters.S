// Counters: a write to minstret or mcycle takes the place of that
// instruction's own increment (privileged spec, Machine Hardware Performance
// Monitor: the value written is what the counter holds after the writing
// instruction), and the two counters are written apart. QEMU counts
// instructions exactly only with -icount.
#include "rvtest.h"

  .text
  .globl main
main:
  TEST_CASE(2, a0, 0, csrwi minstret, 0; csrr a0, minstret)
  TEST_CASE(3, a0, 2, csrwi minstret, 0; nop; nop; csrr a0, minstret)
  TEST_CASE(4, a0, 1, csrr a1, minstret; li a2, 1000; csrw mcycle, a2; csrr a2, minstret; sub a2, a2, a1; sltiu a0, a2, 8)
  TEST_CASE(5, a0, 1, li a1, 1000; csrw mcycle, a1; csrr a2, mcycle; sub a2, a2, a1; sltiu a0, a2, 8)
  PASS
