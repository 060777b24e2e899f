// Shared by the guest fuzzers (fuzzinsn, fuzzsys): a seeded generator, so
// that a seed printed by a run names that run exactly, and the few helpers
// both drivers need.
#ifndef FUZZ_H
#define FUZZ_H
#include "user/user.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

// splitmix64: every 64-bit state is a good one, so any seed will do.
uint64 rnd(uint64 *s);
uint64 rnd_below(uint64 *s, uint64 n);   // uniform enough in [0, n)
int rnd_chance(uint64 *s, int percent);  // true percent% of the time

// The seed of a child run: its own stream, independent of its neighbours.
uint64 rnd_child(uint64 seed, uint64 k);

// The start both fuzzers share: argv[1] is the seed (default from the
// clock), argv[2] the count (default defcount), in decimal; prints
// "PROG: seed S count N" first, checks that it runs inside a pgroup
// (outside, a random halt would switch the machine off), and makes and
// enters the scratch directory dir. Exits with a message on any failure.
void fuzz_start(const char *prog, int argc, char **argv, uint64 *seed, uint64 *count,
                uint64 defcount, const char *dir);

// The time CSR in microseconds.
uint64 fuzz_now_us(void);
#endif
