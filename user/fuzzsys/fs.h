// fuzzsys: random system calls with hostile arguments, made by workers
// (children) that a parent restarts when one stops making progress.
#ifndef FUZZSYS_H
#define FUZZSYS_H
#include "user/fuzz.h"
#include "kernel/param.h"
#include "kernel/syscall.h"

#define BATCH 16   // system calls per progress byte on the pipe

// One worker's state: its generator and what its calls must not touch.
struct worker {
  uint64 rng;
  int keepfd;          // the write end of the progress pipe
  int protect[2];      // pids kill() must spare: the parent, the ticker
  uint64 heapstart;    // the break when the worker began
  uint64 heaptop;      // the break now, as far as the worker knows
};

// args.c: argument values, each a mix of valid and hostile ones.
uint64 arg_any(struct worker *w);
uint64 arg_ptr(struct worker *w);
uint64 arg_len(struct worker *w);
uint64 arg_fd(struct worker *w);
uint64 arg_path(struct worker *w, int slot);
uint64 arg_argv(struct worker *w);
uint64 arg_pid(struct worker *w);
int arg_spared(struct worker *w, uint64 pid);   // a pid kill() must not reach
uint64 arg_small(struct worker *w, int lo, int hi);
int path_depth(const char *path);

// Names in the scratch directory that calls make and use again.
extern const char *scratch_names[];

// calls.c: makes one random system call.
void fuzz_call(struct worker *w);

// main.c: tells the parent this worker is done (no deadline to wait for),
// and exits.
void worker_done(struct worker *w) __attribute__((noreturn));
#endif
