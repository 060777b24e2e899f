// --max-insns is each hart's own budget of retired instructions. Run with
// --max-insns 5000000 on 2 harts, each hart retires 4.5 million
// instructions of work and stops: within its own budget whichever hart
// runs first or faster (one may spin through its loop while the other is
// still being compiled), but twice what a budget shared by both harts
// would allow, and 10% short of the limit, so a count that ran more than
// a tenth high would stop it too. The first hart done parks in WFI, which
// retires nothing while it waits; the second passes.
#include "rvtest.h"
#define NHARTS 2
#define ROUNDS 2250000    // two instructions each

  .text
  .globl main, smp_main
main:
smp_main:
  li t0, NHARTS
  bgeu a0, t0, park
  li t0, ROUNDS
1:
  addi t0, t0, -1
  bnez t0, 1b
  la t0, done
  li t1, 1
  amoadd.w t2, t1, (t0)
  beqz t2, park        // the other hart is still at work: it passes
  PASS

  .data
  .align 6
done: .word 0
