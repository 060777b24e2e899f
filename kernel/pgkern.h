#ifndef PGKERN_H
#define PGKERN_H
// The kernel's own view of a pgroup (pgroup.h is what user space sees).
//
// pglock guards every field of every group. It is a leaf lock: nothing
// else is acquired while it is held, so kalloc() under a p->lock, the
// scheduler and interrupt handlers may all take it.
#include "pgroup.h"

struct pgroup {
  struct pgstat st;           // knobs and counters as pgstat() shows them
  int nextvpid;               // the group's pid namespace (not for root)
  uint rootinum;              // its file-system root (ROOTINO: the machine's)
  char hostname[PGHOSTNAME];
  int removing;               // pg_remove() is moving its pages to root

  // CPU sharing (pgcpu.c), in TIMEBASE_HZ ticks of the time CSR.
  uint64 pass;                // stride scheduling between groups
  int busy;                   // had runnable or running processes at the last pick
  uint64 usage;               // time run, all harts together
  uint64 usage_at_second;     // usage at the last whole second (cpu_percent)
  uint64 period_start;        // cpu.max: the current period, and the time
  uint64 period_used;         //   run in it
  int throttled;              // used up its quota for this period
  int rr;                     // round-robin cursor over proc[] inside the group
};

extern struct pgroup pgroups[PG_MAX];
extern struct spinlock pglock;

// Charged as 'no group': pages the kernel takes for itself.
#define PG_NOGROUP (-1)
#endif
