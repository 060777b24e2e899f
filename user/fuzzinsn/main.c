// fuzzinsn [SEED [COUNT]]: runs pages of random instructions, COUNT
// (default 1000000) in all, each page in a child process with random
// registers. Every trap must kill only the child (the kernel prints one
// line for it on the group's console); a child that loops is killed at a
// deadline. The parent generates each page, so it counts exactly what
// it gave, and it never runs them itself.
//
// Random code can make system calls with random arguments, fork among
// them: run it in a pgroup, where halt fails and pids.max stops a fork
// bomb. Orphans it leaves are killed after each child.
#include "user/fuzzinsn/fi.h"

uint8 fuzzcode[CODESIZE] __attribute__((section(".fuzzcode"), aligned(4096)));

// A child still running after this is taken to loop: about two of the
// scheduler's time slices.
#define DEADLINE_US 20000

static struct procinfo procs[64];
static int mypid;

// Waits until the deadline; the parent takes its exit as the alarm.
static void
alarm(void)
{
  uint64 end = fuzz_now_us() + DEADLINE_US;
  while(fuzz_now_us() < end)
    ;
  exit(0);
}

// Kills what random fork calls left behind: our name, not us.
static void
sweep(void)
{
  int n = getprocs(procs, NELEM(procs));
  for(int i = 0; i < n; i++)
    if(procs[i].pid != mypid && procs[i].state != PS_ZOMBIE &&
       strcmp(procs[i].name, "fuzzinsn") == 0)
      kill(procs[i].pid);
}

static int
fork_or_retry(void)
{
  for(int tries = 0; tries < 50; tries++){
    int pid = fork();
    if(pid >= 0)
      return pid;
    sweep();
    sleep(1);
  }
  fprintf(2, "fuzzinsn: fork keeps failing\n");
  exit(1);
}

// Runs the page in fuzzcode in a child: 0 trapped, 1 looped, 2 exited.
static int
run_page(uint64 regs[32])
{
  int child = fork_or_retry();
  if(child == 0)
    fuzz_enter(regs, fuzzcode);
  int timer = fork_or_retry();
  if(timer == 0)
    alarm();
  int status = 0;
  int first = wait(&status);
  int looped = first == timer;
  kill(looped ? child : timer);
  if(looped)
    status = -1;
  while(wait(0) >= 0)
    ;
  sweep();
  return looped ? 1 : status == -1 ? 0 : 2;
}

int
main(int argc, char **argv)
{
  uint64 seed, count;
  // In a directory of its own, random exec calls find no program.
  fuzz_start("fuzzinsn", argc, argv, &seed, &count, 1000000, "fzi");
  mypid = getpid();

  uint64 given = 0, children = 0, step = count / 10 + 1, next_report = step;
  uint64 outcome[3] = { 0, 0, 0 };
  uint64 t0 = fuzz_now_us();
  while(given < count){
    uint64 rng = rnd_child(seed, children);
    uint64 regs[32];
    given += gen_code(fuzzcode, CODESIZE, &rng);
    gen_regs(regs, &rng);
    outcome[run_page(regs)]++;
    children++;
    if(given >= next_report && given < count){
      printf("fuzzinsn: %lu instructions, %lu children\n", given, children);
      next_report = (given / step + 1) * step;
    }
  }
  uint64 ms = (fuzz_now_us() - t0) / 1000;
  printf("fuzzinsn: done: %lu instructions in %lu children (%lu trapped, %lu looped, "
         "%lu exited) in %lu ms; seed %lu\n",
         given, children, outcome[0], outcome[1], outcome[2], ms, seed);
  exit(0);
}
