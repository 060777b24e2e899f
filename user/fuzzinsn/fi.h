// fuzzinsn: pages of random instruction words, run in child processes.
#ifndef FUZZINSN_H
#define FUZZINSN_H
#include "user/fuzz.h"

// The code pages: writable and executable (code.ld gives them a segment of
// their own), the last thing in memory before exec's guard page, so code
// that runs off their end faults.
#define CODEPAGES 1
#define CODESIZE  (CODEPAGES * 4096)
extern uint8 fuzzcode[CODESIZE];

// gen.c: fills code with random instructions, mostly valid encodings;
// returns how many.
uint64 gen_code(uint8 *code, int size, uint64 *rng);

// gen.c: registers x0..x31 as the code will find them: random, small,
// pointers into the child's memory, or kernel and other hostile addresses.
void gen_regs(uint64 regs[32], uint64 *rng);

// enter.S: fence.i, load x1..x31 from regs (x5, t0, holds pc), jump to pc.
void fuzz_enter(uint64 *regs, void *pc) __attribute__((noreturn));
#endif
