// `run --trace` on two harts, one of them parked in WFI. Hart 1 says it has
// arrived and parks in crt.S's WFI loop with every interrupt disabled, so it
// never wakes; hart 0 waits for it, then runs LOOPS rounds of a short loop
// (thousands of traced instructions) and passes. A parked hart 1 leaves only
// the few lines of its start-up in the trace; one whose traced WFI fails to
// park runs round its WFI loop for as long as hart 0 works.
#include "rvtest.h"
#include "clint.h"
#include "smp.h"

#define LOOPS 3000

  .text
  .globl main, smp_main
main:
  li gp, 1              // hart 1 never arrived
  WAIT_COUNT(arrived, 1, 100000000)
  li a0, LOOPS
5:
  addi a0, a0, -1
  bnez a0, 5b
  PASS

smp_main:
  ATOMIC_INC(arrived)
  j park

  .bss
  .align 3
arrived: .zero 8
