// Bad pointers from user space: system calls given kernel addresses,
// unmapped memory, huge lengths or unterminated strings must fail (-1 or
// no bytes), never crash the kernel or read/write memory they should not.
#include "ut.h"

static const uint64 badaddrs[] = {
  0x80000000UL,            // kernel text
  0x80000000UL + 0x100000, // kernel data and free pages
  0x3fffffe000UL,          // trap frame
  0x3ffffff000UL,          // trampoline
  0x4000000000UL,          // past the Sv39 range
  0xffffffffffffffffUL,
};
#define NBAD (sizeof(badaddrs) / sizeof(badaddrs[0]))

// An address above the break, mapped by nobody.
static uint64
unmapped(void)
{
  return ((uint64)sbrk(0) + 8 * PGSIZE) & ~(uint64)(PGSIZE - 1);
}

// write() from a bad buffer to a file and to a pipe.
static void
copyin(void)
{
  for(int i = 0; i <= NBAD; i++){
    uint64 a = i < NBAD ? badaddrs[i] : unmapped();
    int fd = open("copyin", O_CREATE | O_WRONLY);
    if(fd < 0)
      fail("open failed");
    int n = write(fd, (void *)a, 8192);
    if(n >= 0)
      fail("write(file, %p, 8192) returned %d", (void *)a, n);
    close(fd);
    unlink("copyin");

    int p[2];
    if(pipe(p) < 0)
      fail("pipe failed");
    n = write(p[1], (void *)a, 8192);
    if(n > 0)
      fail("write(pipe, %p, 8192) returned %d", (void *)a, n);
    close(p[0]);
    close(p[1]);
  }
}

// read() into a bad buffer from a file and from a pipe.
static void
copyout(void)
{
  make_file("copyout", 100, 'c');
  for(int i = 0; i <= NBAD; i++){
    uint64 a = i < NBAD ? badaddrs[i] : unmapped();
    int fd = open("copyout", O_RDONLY);
    int n = read(fd, (void *)a, 8192);
    if(n >= 0)
      fail("read(file, %p, 8192) returned %d", (void *)a, n);
    close(fd);

    int p[2];
    pipe(p);
    write(p[1], "x", 1);
    n = read(p[0], (void *)a, 8192);
    if(n > 0)
      fail("read(pipe, %p, 8192) returned %d", (void *)a, n);
    close(p[0]);
    close(p[1]);
  }
  unlink("copyout");
}

// Path arguments at bad addresses.
static void
copyinstr(void)
{
  for(int i = 0; i <= NBAD; i++){
    char *a = (char *)(i < NBAD ? badaddrs[i] : unmapped());
    if(open(a, O_CREATE | O_WRONLY) >= 0)
      fail("open(%p) succeeded", a);
    if(mkdir(a) >= 0 || unlink(a) >= 0 || chdir(a) >= 0 || mknod(a, 1, 0) >= 0)
      fail("a path at %p was accepted", a);
    if(link(a, "x") >= 0 || link("/echo", a) >= 0)
      fail("link with a path at %p succeeded", a);
  }
}

// A path longer than the kernel accepts fails; so does one whose end runs
// into unmapped memory without a terminating zero.
static void
longpath(void)
{
  static char path[3 * MAXPATH];
  memset(path, 'a', sizeof(path) - 1);
  if(open(path, O_CREATE | O_WRONLY) >= 0)
    fail("a %d-byte path was accepted", (int)sizeof(path) - 1);
  // Page-align the break first, so that the page after `top` is unmapped.
  uint64 brk = (uint64)sbrk(0);
  sbrk(((brk + PGSIZE - 1) & ~(uint64)(PGSIZE - 1)) - brk);
  char *top = sbrk(PGSIZE);
  if(top == (char *)-1)
    fail("sbrk failed");
  memset(top, 'b', PGSIZE);
  // The last bytes of the heap, with no zero before unmapped memory.
  char *s = top + PGSIZE - 20;
  if(open(s, O_CREATE | O_WRONLY) >= 0)
    fail("an unterminated path at the end of memory was accepted");
  char *argv[] = { s, 0 };
  if(exec(s, argv) >= 0)
    fail("exec of an unterminated path");
}

// Kernel addresses as the pointer arguments of every call that takes one.
static void
kernptrs(void)
{
  for(int i = 0; i < NBAD; i++){
    void *a = (void *)badaddrs[i];
    int fd = open("/echo", O_RDONLY);
    if(fstat(fd, a) != -1)
      fail("fstat into %p", a);
    close(fd);
    if(pipe(a) != -1)
      fail("pipe into %p", a);
    if(exec(a, 0) != -1)
      fail("exec of a path at %p", a);
    char *argv[] = { "echo", a, 0 };
    if(exec("/echo", argv) != -1)
      fail("exec with an argument at %p", a);
    if(exec("/echo", a) != -1)
      fail("exec with argv at %p", a);
    int pid = fork();
    if(pid == 0)
      exit(0);
    if(wait(a) != -1){
      fail("wait stored a status at %p", a);
    }
    wait(0);  // the child, if the bad wait did not reap it
  }
}

// Huge lengths with good buffers: no more than what exists is moved.
static void
hugelen(void)
{
  make_file("hugelen", 500, 'h');
  int fd = open("hugelen", O_RDONLY);
  int n = read(fd, ubuf, 0x7fffffff);
  if(n != 500)
    fail("read(500-byte file, 2 GB) returned %d", n);
  close(fd);
  fd = open("hugelen", O_RDONLY);
  n = read(fd, ubuf, -1);
  if(n > 500)
    fail("read with length -1 returned %d", n);
  close(fd);
  fd = open("hugelen", O_WRONLY);
  n = write(fd, ubuf, 0x7fffffff);
  if(n >= 0)
    fail("write of 2 GB from a small buffer returned %d", n);
  close(fd);
  unlink("hugelen");
}

// Memory given back with sbrk is no longer a valid buffer.
static void
rwsbrk(void)
{
  char *a = sbrk(2 * PGSIZE);
  if(a == (char *)-1)
    fail("sbrk failed");
  sbrk(-2 * PGSIZE);
  int fd = open("rwsbrk", O_CREATE | O_RDWR);
  int n = write(fd, a + PGSIZE, 1024);
  if(n >= 0)
    fail("write from freed memory returned %d", n);
  close(fd);
  make_file("rwsbrk", 100, 'r');
  fd = open("rwsbrk", O_RDONLY);
  n = read(fd, a + PGSIZE, 10);
  if(n >= 0)
    fail("read into freed memory returned %d", n);
  close(fd);
  unlink("rwsbrk");
}

// Bad file descriptors are refused by every call that takes one.
static void
badfds(void)
{
  static const int fds[] = { -1, -100, NOFILE, NOFILE + 1, 1000, 0x7fffffff };
  struct stat st;
  for(int i = 0; i < sizeof(fds) / sizeof(fds[0]); i++){
    int fd = fds[i];
    if(read(fd, ubuf, 1) != -1 || write(fd, ubuf, 1) != -1 || close(fd) != -1
       || fstat(fd, &st) != -1 || dup(fd) != -1)
      fail("fd %d was accepted", fd);
  }
  // A closed descriptor is as bad as a wild one.
  int fd = open("/echo", O_RDONLY);
  close(fd);
  if(read(fd, ubuf, 1) != -1 || close(fd) != -1)
    fail("a closed fd was accepted");
}

// Every low page as a path pointer: text pages hold no valid name for a
// missing file, pages past the program are unmapped; all fail cleanly.
static void
validate(void)
{
  for(uint64 p = 0; p <= 1100 * PGSIZE; p += PGSIZE)
    if(link("nosuchfile", (char *)p) != -1)
      fail("link(nosuchfile, %p) succeeded", (void *)p);
}

// A read whose buffer is the last byte of memory, with length -1.
static void
lastbyte(void)
{
  int fd = open("/init", O_RDONLY);
  if(fd < 0)
    fail("cannot open /init");
  int n = read(fd, sbrk(0) - 1, -1);
  if(n > 1)
    fail("read %d bytes into a 1-byte buffer", n);
  close(fd);
}

struct test copy_tests[] = {
  { copyin, "copyin" },
  { copyout, "copyout" },
  { copyinstr, "copyinstr" },
  { longpath, "longpath" },
  { kernptrs, "kernptrs" },
  { hugelen, "hugelen" },
  { rwsbrk, "rwsbrk" },
  { badfds, "badfds" },
  { validate, "validate" },
  { lastbyte, "lastbyte" },
  { 0 },
};
