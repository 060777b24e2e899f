// Timer interrupts at mtimecmp on 4 harts at once: each hart programs its
// own comparator, takes 3 interrupts in WFI, and none lands on another hart.
// The handler itself turns the timer off after the third interrupt: the
// spec promises nothing about how soon the hart's own code runs again (on a
// loaded host the next 200 us deadline can pass first), so the count must not
// depend on it.
#include "rvtest.h"
#include "clint.h"
#include "smp.h"
#define NHARTS 4
#define TICKS_PER_IRQ 2000      // 200 us at 10 MHz

  .text
  .globl main, smp_main
main:
smp_main:
  li t0, NHARTS
  bgeu a0, t0, park
  li t0, MIP_MTIP
  csrw mie, t0
  TIMER_IN(TICKS_PER_IRQ)
  csrsi mstatus, MSTATUS_MIE
  la s0, counts
  slli t0, tp, 2
  add s0, s0, t0
1:
  wfi
  lw t0, 0(s0)
  li t1, 3
  blt t0, t1, 1b
  csrci mstatus, MSTATUS_MIE
  TIMER_OFF
  ATOMIC_INC(done)
  bnez tp, park
  li gp, 1
  WAIT_ALL(done, NHARTS, 100000000)
  fence
  TEST_CASE(2, a0, 3, lw a0, counts)
  TEST_CASE(3, a0, 3, lw a0, counts + 4)
  TEST_CASE(4, a0, 3, lw a0, counts + 8)
  TEST_CASE(5, a0, 3, lw a0, counts + 12)
  PASS

// m_irq(a0 = mcause): only this hart's timer may arrive; count it and
// program the next one.
  .globl m_irq
m_irq:
  li gp, 6
  li t0, CAUSE_INTR | IRQ_MTI
  bne a0, t0, m_fail
  la t0, counts
  slli t1, tp, 2
  add t0, t0, t1
  lw t1, 0(t0)
  addi t1, t1, 1
  sw t1, 0(t0)
  // The interrupt must be this hart's own: its comparator is due.
  li gp, 7
  MTIMECMP_ADDR(t0)
  ld t3, 0(t0)
  READ_MTIME(t2)
  bltu t2, t3, m_fail
  la t0, counts
  slli t1, tp, 2
  add t0, t0, t1
  lw t1, 0(t0)
  li t2, 3
  bge t1, t2, 1f
  TIMER_IN(TICKS_PER_IRQ)
  ret
1:
  TIMER_OFF
  ret

  .data
  .align 6
counts: .zero 4 * MAX_HARTS
done: .word 0
