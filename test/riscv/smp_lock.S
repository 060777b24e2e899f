// An LR/SC spinlock protects a plain (load, add, store) counter shared by
// 4 harts: no increment is lost.
#include "rvtest.h"
#include "clint.h"
#include "smp.h"
#define NHARTS 4
#define ROUNDS 20000

  .text
  .globl main, smp_main
main:
smp_main:
  li t0, NHARTS
  bgeu a0, t0, park
  la s0, lock
  la s1, counter
  li s2, ROUNDS
1:
  // acquire: wait for 0, then claim it with LR/SC.
2:
  lr.w.aq t0, (s0)
  bnez t0, 2b
  li t1, 1
  sc.w t2, t1, (s0)
  bnez t2, 2b
  // critical section: a non-atomic read-modify-write, widened on purpose.
  ld t3, 0(s1)
  addi t3, t3, 1
  nop
  nop
  sd t3, 0(s1)
  // release
  amoswap.w.rl zero, zero, (s0)
  addi s2, s2, -1
  bnez s2, 1b
  ATOMIC_INC(done)
  bnez a0, park
  li gp, 1
  WAIT_ALL(done, NHARTS, 1000000000)
  fence
  TEST_CASE(2, a0, NHARTS * ROUNDS, ld a0, counter)
  TEST_CASE(3, a0, 0, lw a0, lock)
  PASS

  .data
  .align 6
lock: .word 0
  .align 6
counter: .dword 0
  .align 6
done: .word 0
