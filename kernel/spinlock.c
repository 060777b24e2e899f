// Spinlocks, and the nesting count of "interrupts off" that they rely on:
// a lock taken by an interrupt handler must never be held by the code the
// interrupt preempted on the same hart.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

void
initlock(struct spinlock *lk, char *name)
{
  lk->name = name;
  lk->locked = 0;
  lk->cpu = 0;
}

void
acquire(struct spinlock *lk)
{
  push_off();
  if(holding(lk))
    panic("acquire: this hart already holds the lock");
  // amoswap.w.aq: the acquire ordering keeps the critical section's loads
  // and stores after the lock is taken.
  while(__sync_lock_test_and_set(&lk->locked, 1) != 0)
    ;
  __sync_synchronize();
  lk->cpu = mycpu();
}

void
release(struct spinlock *lk)
{
  if(!holding(lk))
    panic("release: not held");
  lk->cpu = 0;
  __sync_synchronize();
  __sync_lock_release(&lk->locked);
  pop_off();
}

// Only meaningful with interrupts off.
int
holding(struct spinlock *lk)
{
  return lk->locked && lk->cpu == mycpu();
}

// Like intr_off(), but nests: interrupts come back on only when every
// push_off has been matched and they were on at the first one.
void
push_off(void)
{
  int old = intr_get();
  intr_off();
  struct cpu *c = mycpu();
  if(c->noff == 0)
    c->intena = old;
  c->noff += 1;
}

void
pop_off(void)
{
  struct cpu *c = mycpu();
  if(intr_get())
    panic("pop_off: interruptible");
  if(c->noff < 1)
    panic("pop_off: unbalanced");
  c->noff -= 1;
  if(c->noff == 0 && c->intena)
    intr_on();
}
