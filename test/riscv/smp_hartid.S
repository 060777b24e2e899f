// Every hart starts at the entry in M-mode with a0 = its hart id (equal to
// mhartid) and a1 = the same device-tree address. Needs 4 harts.
#include "rvtest.h"
#include "clint.h"
#include "smp.h"
#define NHARTS 4

  .text
  .globl main, smp_main
main:
smp_main:
  TEST_CASE(1, a2, 0, csrr a2, mhartid; sub a2, a2, a0)
  TEST_CASE(2, a2, 0, sub a2, tp, a0)
  TEST_CASE(3, a2, 1, sltiu a2, a0, NHARTS)
  li gp, 4
  li t0, NHARTS
  bgeu a0, t0, fail
  // Check in: set this hart's bit once.
  li t0, 1
  sll t0, t0, a0
  la t1, arrived
  amoor.w t2, t0, (t1)
  TEST_CASE(5, t2, 0, and t2, t2, t0)
  // Remember a1 next to the hart id, for hart 0 to compare.
  la t0, fdt_seen
  slli t1, a0, 3
  add t0, t0, t1
  sd a1, 0(t0)
  fence
  ATOMIC_INC(done)
  bnez a0, park
  li gp, 6
  WAIT_ALL(done, NHARTS, 100000000)
  fence
  TEST_CASE(7, a0, (1 << NHARTS) - 1, lw a0, arrived)
  ld s0, fdt_seen
  TEST_CASE(8, a0, 0, ld a1, fdt_seen + 8; sub a0, a1, s0)
  TEST_CASE(9, a0, 0, ld a1, fdt_seen + 16; sub a0, a1, s0)
  TEST_CASE(10, a0, 0, ld a1, fdt_seen + 24; sub a0, a1, s0)
  PASS

  .data
  .align 3
arrived: .word 0
done: .word 0
fdt_seen: .zero 8 * MAX_HARTS
