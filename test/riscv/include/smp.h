// Multi-hart helpers. Programs say how many harts they need (NHARTS) and
// the test driver starts that many (--cores / -smp).
#ifndef RVTEST_SMP_H
#define RVTEST_SMP_H

// Atomically add 1 to the word at `label`. Clobbers t0, t1.
#define ATOMIC_INC(label) la t0, label; li t1, 1; amoadd.w zero, t1, (t0)

// Hart 0: wait until the word at `label` reaches `n` (see WAIT_COUNT).
#define WAIT_ALL(label, n, spins) WAIT_COUNT(label, n, spins)

#endif
