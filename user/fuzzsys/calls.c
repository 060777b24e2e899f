// One random system call: a number (every one of kernel/syscall.h, some
// past the end, some huge), arguments shaped by what that call takes, and
// the care that keeps the worker going: a forked child leaves at once, a
// pipe loses an end (a read of an empty pipe we also write, or a write to
// a full one we also read, would block for ever), a chdir into our
// scratch tree is undone.
#include "user/fuzzsys/fs.h"

// Argument shapes, one letter each:
//   f fd   p pointer   l length   s path   a argv   P pid   i any int
//   b sbrk amount   t ticks   o open flags   m major   n minor   g group
//   x anything
static const char *shapes[] = {
  [SYS_fork] "", [SYS_exit] "i", [SYS_wait] "p", [SYS_pipe] "p",
  [SYS_read] "fpl", [SYS_kill] "P", [SYS_exec] "sa", [SYS_fstat] "fp",
  [SYS_chdir] "s", [SYS_dup] "f", [SYS_getpid] "", [SYS_sbrk] "b",
  [SYS_sleep] "t", [SYS_uptime] "", [SYS_open] "so", [SYS_write] "fpl",
  [SYS_mknod] "smn", [SYS_unlink] "s", [SYS_link] "ss", [SYS_mkdir] "s",
  [SYS_close] "f", [SYS_halt] "i", [SYS_pgcreate] "p", [SYS_pgfork] "g",
  [SYS_pgctl] "gixx", [SYS_pgstat] "gp", [SYS_getprocs] "pi",
  [SYS_gethostname] "pl", [SYS_freepages] "",
};
#define NSYS NELEM(shapes)

static uint64
syscall6(uint64 num, uint64 *a)
{
  register uint64 a0 asm("a0") = a[0];
  register uint64 a1 asm("a1") = a[1];
  register uint64 a2 asm("a2") = a[2];
  register uint64 a3 asm("a3") = a[3];
  register uint64 a4 asm("a4") = a[4];
  register uint64 a5 asm("a5") = a[5];
  register uint64 a7 asm("a7") = num;
  asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
               : "memory");
  return a0;
}

// Calls that end the worker or wait a long time cost a deadline (one or
// two ticks): keep them, but rarer than the rest.
static uint64
pick_number(struct worker *w)
{
  for(;;){
    int k = rnd_below(&w->rng, 100);
    if(k < 3)
      return NSYS + rnd_below(&w->rng, 8);   // past the end
    if(k < 5)
      return rnd(&w->rng);
    uint64 n = rnd_below(&w->rng, NSYS);
    if(n == SYS_exit && rnd_below(&w->rng, 1000) >= 5)
      continue;
    return n;
  }
}

static uint64
sbrk_amount(struct worker *w)
{
  uint64 heap = w->heaptop - w->heapstart;
  switch(rnd_below(&w->rng, 10)){
  case 0: return -(int64)rnd_below(&w->rng, heap + 1);          // within the heap
  case 1: return (uint64)(int64)(int)rnd(&w->rng);            // huge either way
  case 2: return rnd_chance(&w->rng, 5) ? -(int64)(heap + 4096) : 0;  // into the stack: fatal
  default: return rnd_below(&w->rng, 64 * 1024);
  }
}

static uint64
open_flags(struct worker *w)
{
  if(rnd_chance(&w->rng, 10))
    return rnd(&w->rng);
  uint64 f = rnd_below(&w->rng, 3);   // O_RDONLY, O_WRONLY, O_RDWR
  if(rnd_chance(&w->rng, 50))
    f |= O_CREATE;
  if(rnd_chance(&w->rng, 20))
    f |= O_TRUNC;
  return f;
}

static uint64
arg_of(struct worker *w, char shape, int *paths)
{
  switch(shape){
  case 'f': return arg_fd(w);
  case 'p': return arg_ptr(w);
  case 'l': return arg_len(w);
  case 's': return arg_path(w, (*paths)++ % 3);
  case 'a': return arg_argv(w);
  case 'P': return arg_pid(w);
  case 'b': return sbrk_amount(w);
  case 't': return rnd_chance(&w->rng, 1) ? arg_any(w) : rnd_chance(&w->rng, 90) ? arg_small(w, -1, 0) : 1;
  case 'o': return open_flags(w);
  case 'm': return rnd_chance(&w->rng, 80) ? arg_small(w, -2, NDEV + 2) : arg_any(w);
  case 'n': return rnd_chance(&w->rng, 80) ? arg_small(w, -2, 10) : arg_any(w);
  case 'g': return rnd_chance(&w->rng, 80) ? arg_small(w, -2, PG_MAX + 1) : arg_any(w);
  case 'i': return rnd_chance(&w->rng, 50) ? arg_small(w, -2, 64) : arg_any(w);
  default: return arg_any(w);
  }
}

// Keep what the call did from stopping the worker for good.
static void
after(struct worker *w, uint64 num, uint64 *a, uint64 ret)
{
  if(num == SYS_fork && ret == 0)
    exit(0);
  if(num == SYS_sbrk)
    w->heaptop = (uint64)sbrk(0);
  if(num == SYS_pipe && ret == 0){
    int *fds = (int *)a[0];   // it wrote them, so they are ours to read
    close(fds[rnd_chance(&w->rng, 50) ? 0 : 1]);
  }
  if(num == SYS_chdir && ret == 0){
    int depth = path_depth((const char *)a[0]);
    if(depth < 0)
      worker_done(w);   // somewhere we cannot come back from: a new worker
    while(depth-- > 0)
      chdir("..");
  }
}

void
fuzz_call(struct worker *w)
{
  uint64 a[6];
  uint64 num = pick_number(w);
  const char *shape = num < NSYS ? shapes[num] : "xxxxxx";
  int paths = 0;
  for(int i = 0; i < 6; i++)
    a[i] = *shape ? arg_of(w, *shape++, &paths) : arg_any(w);
  // A tenth of the calls get an argument of the wrong kind (not sleep's:
  // most would be long, and each costs a deadline).
  if(num != SYS_sleep && rnd_chance(&w->rng, 10))
    a[rnd_below(&w->rng, 6)] = arg_any(w);
  if(num == SYS_kill ? arg_spared(w, a[0]) : (int)a[0] == w->keepfd)
    a[0] = -1;
  uint64 ret = syscall6(num, a);
  after(w, num, a, ret);
}
