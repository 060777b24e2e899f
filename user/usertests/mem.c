// Memory: sbrk growth, shrinking and failure, running out of memory, the
// stack guard page, write-protected text, addresses users may not touch.
#include "ut.h"

static volatile uint64 probe_addr;   // set before forking a prober

static void
probe_read(void)
{
  volatile char c = *(volatile char *)probe_addr;
  (void)c;
}

static void
probe_write(void)
{
  *(volatile char *)probe_addr = 1;
}

// sbrk(n) returns the old break, byte by byte and in big steps.
static void
sbrkbasic(void)
{
  char *a = sbrk(0);
  for(int i = 0; i < 5000; i++){
    char *b = sbrk(1);
    if(b != a)
      fail("sbrk(1) returned %p, expected %p", b, a);
    *b = 1;
    a = b + 1;
  }
  if(sbrk(0) != a)
    fail("sbrk(0) moved");
  char *c = sbrk(-5000);
  if(c != a || sbrk(0) != a - 5000)
    fail("sbrk(-5000) did not shrink");
}

// Growing by 100 MB works, new memory reads as zero, and it all goes back.
static void
sbrkmuch(void)
{
  const int big = 100 * 1024 * 1024;
  char *a = sbrk(0);
  char *end = a + big;
  char *p = sbrk(big);
  if(p != a)
    fail("sbrk(100 MB) failed (returned %p)", p);
  for(char *q = a; q < end; q += PGSIZE * 97)
    if(*q != 0)
      fail("new memory not zero at %p", q);
  end[-1] = 99;
  if(sbrk(-big) != end || sbrk(0) != a)
    fail("shrinking by 100 MB failed");
}

// Shrinking gives pages back: touching them kills the process, and growing
// again hands out fresh zeroed pages.
static void
sbrkshrink(void)
{
  uint64 brk = (uint64)sbrk(0);
  sbrk(((brk + PGSIZE - 1) & ~(uint64)(PGSIZE - 1)) - brk);
  char *a = sbrk(4 * PGSIZE);
  if(a == (char *)-1)
    fail("sbrk failed");
  char *last = a + 4 * PGSIZE - 1;
  *last = 99;
  if(sbrk(-PGSIZE) != last + 1 || sbrk(0) != last + 1 - PGSIZE)
    fail("sbrk(-PGSIZE) did not shrink");
  probe_addr = (uint64)last;
  expect_killed(probe_read, "reading a page given back");
  if(sbrk(PGSIZE) != last + 1 - PGSIZE)
    fail("sbrk regrow returned the wrong address");
  if(*last != 0)
    fail("a regrown page kept old contents");
}

// Taking memory until sbrk fails: the failure is clean, the process keeps
// working, and the memory is back when the process is gone.
static void
sbrkfail_child(void)
{
  int total = 0;
  for(int step = 1024 * 1024; step >= PGSIZE; step /= 4){
    char *old = sbrk(0);
    while(1){
      char *p = sbrk(step);
      if(p == (char *)-1)
        break;
      p[step - 1] = 1;
      total += step;
    }
    if(sbrk(0) < old)
      fail("a failed sbrk moved the break down");
  }
  if(total < 16 * 1024 * 1024)
    fail("only %d bytes before sbrk failed", total);
  // Nearly out of memory: fork and pipe must fail or work, never crash.
  int pid = fork();
  if(pid == 0)
    exit(0);
  if(pid > 0)
    wait(0);
  int p[2];
  if(pipe(p) == 0){
    close(p[0]);
    close(p[1]);
  }
}

static void
sbrkfail(void)
{
  for(int i = 0; i < 2; i++)
    if(run_child(sbrkfail_child) != 0)
      fail("the memory hog failed");
  char *a = sbrk(10 * 1024 * 1024);
  if(a == (char *)-1)
    fail("memory did not come back after the hog exited");
  sbrk(-10 * 1024 * 1024);
}

// Negative sbrk past the start of memory is refused and harms nothing.
static void
sbrkneg(void)
{
  char *a = sbrk(0);
  char *r = sbrk(-0x7fffffff);
  if(r != (char *)-1 && sbrk(0) != a)
    fail("sbrk(-2 GB) moved the break to %p", sbrk(0));
  ubuf[0] = 1;   // data still there
  if(sbrk(0x7fffffff) != (char *)-1)
    fail("sbrk(+2 GB) succeeded");
}

// Memory from sbrk works as a system-call buffer, also across a page end.
static void
sbrkarg(void)
{
  char *a = sbrk(2 * PGSIZE);
  if(a == (char *)-1)
    fail("sbrk failed");
  int fd = open("sbrkarg", O_CREATE | O_RDWR);
  if(fd < 0)
    fail("open failed");
  memset(a, 'z', 2 * PGSIZE);
  if(write(fd, a + PGSIZE - 100, 200) != 200)
    fail("write from sbrk memory failed");
  close(fd);
  unlink("sbrkarg");
  if(pipe((int *)a) != 0)
    fail("pipe into sbrk memory failed");
  close(((int *)a)[0]);
  close(((int *)a)[1]);
}

// malloc until memory runs out, free it all, and malloc again.
static void
oom_child(void)
{
  void **list = 0;
  int n = 0;
  void **m;
  while((m = malloc(64 * 1024)) != 0){
    *m = list;
    list = m;
    n++;
  }
  if(n < 16)
    fail("malloc failed after %d blocks", n);
  while(list){
    m = *list;
    free(list);
    list = m;
  }
  if(malloc(1024 * 1024) == 0)
    fail("malloc fails after free");
}

static void
outofmemory(void)
{
  if(run_child(oom_child) != 0)
    fail("the child failed");
}

// Reading the guard page under the stack kills the process.
static void
stackguard(void)
{
  uint64 sp;
  asm volatile("mv %0, sp" : "=r"(sp));
  uint64 top = (sp + PGSIZE - 1) & ~(uint64)(PGSIZE - 1);
  probe_addr = top - (USERSTACK + 1) * PGSIZE + 8;
  expect_killed(probe_read, "reading the stack guard page");
}

static int
recurse(int n)
{
  volatile char frame[512];
  frame[0] = n;
  return n > 0 ? recurse(n - 1) + frame[0] : 0;
}

static void
overflow(void)
{
  recurse(1000000);
}

// Running off the end of the stack kills the process instead of
// overwriting data.
static void
stackoverflow(void)
{
  expect_killed(overflow, "unbounded recursion");
}

// Program text is read-only.
static void
textwrite(void)
{
  probe_addr = 0;
  expect_killed(probe_write, "writing address 0 (text)");
  probe_addr = (uint64)textwrite;
  expect_killed(probe_write, "writing a function's code");
}

// The kernel's memory is not user memory.
static void
kernmem(void)
{
  for(uint64 a = 0x80000000UL; a < 0x80000000UL + 2 * 1024 * 1024; a += 200 * 1024){
    probe_addr = a;
    expect_killed(probe_read, "reading kernel memory");
  }
  probe_addr = 0x80000000UL;
  expect_killed(probe_write, "writing kernel memory");
}

// The top of the address space (trampoline, trap frame) and what lies
// beyond the Sv39 range are out of reach.
static void
maxva(void)
{
  static const uint64 addrs[] = {
    (1UL << 38) - 1, (1UL << 38) - 4096 * 2, 1UL << 38, 1UL << 39, 0xffffffffffffffffUL,
  };
  for(int i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++){
    probe_addr = addrs[i];
    expect_killed(probe_read, "reading the top of the address space");
    expect_killed(probe_write, "writing the top of the address space");
  }
}

// Above the break nothing is mapped.
static void
abovebreak(void)
{
  probe_addr = ((uint64)sbrk(0) + 4 * PGSIZE) & ~(uint64)(PGSIZE - 1);
  expect_killed(probe_read, "reading above the break");
}

// exec when memory is nearly gone fails cleanly or works, and the memory
// is returned either way.
static void
execout_child(void)
{
  while(sbrk(64 * PGSIZE) != (char *)-1)
    ;
  while(sbrk(PGSIZE) != (char *)-1)
    ;
  // Free a little so exec has something to try with.
  sbrk(-4 * PGSIZE);
  close(1);
  char *argv[] = { "echo", "x", 0 };
  exec("/echo", argv);
  exit(0);
}

static void
execout(void)
{
  for(int i = 0; i < 4; i++){
    int st = run_child(execout_child);
    if(st != 0)
      fail("child status %d", st);
  }
}

// Uninitialised data starts out zero.
static char bss_probe[10000];

static void
bsszero(void)
{
  for(int i = 0; i < sizeof(bss_probe); i++)
    if(bss_probe[i] != 0)
      fail("bss byte %d is %d", i, bss_probe[i]);
}

// Giving back all memory, text included, kills the process at its next
// instruction; the kernel survives.
static void
sbrkall_child(void)
{
  sbrk(-(int)(uint64)sbrk(0));
}

static void
sbrkall(void)
{
  expect_killed(sbrkall_child, "running with no memory");
}

struct test mem_tests[] = {
  { sbrkbasic, "sbrkbasic" },
  { sbrkmuch, "sbrkmuch" },
  { sbrkshrink, "sbrkshrink" },
  { sbrkfail, "sbrkfail" },
  { sbrkneg, "sbrkneg" },
  { sbrkarg, "sbrkarg" },
  { outofmemory, "outofmemory" },
  { stackguard, "stackguard" },
  { stackoverflow, "stackoverflow" },
  { textwrite, "textwrite" },
  { kernmem, "kernmem" },
  { maxva, "maxva" },
  { abovebreak, "abovebreak" },
  { bsszero, "bsszero" },
  { sbrkall, "sbrkall" },
  { execout, "execout", 1 },
  { 0 },
};
