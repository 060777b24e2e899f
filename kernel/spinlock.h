#ifndef SPINLOCK_H
#define SPINLOCK_H
// Mutual exclusion between harts; held only briefly, with interrupts off.
struct spinlock {
  uint locked;
  char *name;        // for debugging
  struct cpu *cpu;   // holder
};
#endif
