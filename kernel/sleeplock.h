#ifndef SLEEPLOCK_H
#define SLEEPLOCK_H
// A lock that may be held across sleeps (disk I/O): waiters sleep, not spin.
struct sleeplock {
  uint locked;
  struct spinlock lk;  // guards this struct
  char *name;
  int pid;             // holder, for debugging
};
#endif
