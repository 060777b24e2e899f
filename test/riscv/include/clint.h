// CLINT access for the calling hart (tp = hartid). Clobber t0, t1.
#ifndef RVTEST_CLINT_H
#define RVTEST_CLINT_H

#define MTIMECMP_ADDR(reg) slli reg, tp, 3; li t1, CLINT_BASE + CLINT_MTIMECMP; add reg, reg, t1
#define MSIP_ADDR(reg)     slli reg, tp, 2; li t1, CLINT_BASE + CLINT_MSIP; add reg, reg, t1
// reg = mtime
#define READ_MTIME(reg)    li t1, CLINT_BASE + CLINT_MTIME; ld reg, 0(t1)
// mtimecmp = mtime + ticks
#define TIMER_IN(ticks)    READ_MTIME(t2); li t1, ticks; add t2, t2, t1; MTIMECMP_ADDR(t0); sd t2, 0(t0)
#define TIMER_OFF          MTIMECMP_ADDR(t0); li t1, -1; sd t1, 0(t0)
#define TIMER_NOW          MTIMECMP_ADDR(t0); sd zero, 0(t0)
#define MSIP_SET(val)      MSIP_ADDR(t0); li t1, val; sw t1, 0(t0)

// Spin until the word at `label` (a counter) reaches `n`, giving up with
// the current check failed after about `spins` iterations.
#define WAIT_COUNT(label, n, spins) \
  li t2, spins; la t3, label; 8: lw t4, 0(t3); li t5, n; bge t4, t5, 9f; \
  addi t2, t2, -1; bnez t2, 8b; j fail; 9:

#endif
