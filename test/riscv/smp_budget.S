// --max-insns is each hart's own budget: hart 0 finishes about 3 million
// instructions of work while hart 1 spins the whole time. Run with
// --max-insns 5000000 on 2 harts, it passes; a budget shared by both harts
// would run out first.
#include "rvtest.h"

  .text
  .globl main, smp_main
main:
  li t0, 1000000
1:
  addi t0, t0, -1
  bnez t0, 1b
  PASS

smp_main:
  j smp_main
