// badargs: hands every system call garbage (kernel and unmapped pointers,
// huge and negative lengths, bad descriptors) and calls numbers that do
// not exist. The kernel must refuse each one without panicking; at the end
// this prints "badargs: OK".
//
// Left out: halt (any argument powers the machine off), exit and fork
// (tried in children below), and calls in the range reserved for pgroups.
#include "user/user.h"
#include "kernel/syscall.h"

#define PGSIZE 4096

static long
raw_syscall(long num, long a0, long a1, long a2, long a3, long a4, long a5)
{
  register long r0 asm("a0") = a0;
  register long r1 asm("a1") = a1;
  register long r2 asm("a2") = a2;
  register long r3 asm("a3") = a3;
  register long r4 asm("a4") = a4;
  register long r5 asm("a5") = a5;
  register long r7 asm("a7") = num;
  asm volatile("ecall"
               : "+r"(r0)
               : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
               : "memory");
  return r0;
}

static int failures;

static void
expect(int ok, const char *what)
{
  if(!ok){
    printf("badargs: %s\n", what);
    failures++;
  }
}

// Values that are wrong as pointers, descriptors and lengths alike (none
// of them is a mapped user address or an open descriptor).
static long garbage[] = {
  -1, 0x7fffffff, 0x80000000L, 0x80001000L, 0x3fffffe000L, 0x3ffffff000L,
  0x4000000000L, -4096, 0xdeadbeefcafeL, 0 /* unmapped, set in main */,
};
#define NGARBAGE (sizeof(garbage) / sizeof(garbage[0]))

// Calls that cannot change this process's memory or block when given
// garbage in every argument.
static const int plain_calls[] = {
  SYS_wait, SYS_pipe, SYS_read, SYS_kill, SYS_exec, SYS_fstat, SYS_chdir,
  SYS_dup, SYS_getpid, SYS_uptime, SYS_open, SYS_write, SYS_mknod,
  SYS_unlink, SYS_link, SYS_mkdir, SYS_close,
};

// The kernel reads descriptors as ints, so a garbage value such as
// 0x4000000000 arrives as fd 0: the console's descriptors are moved out of
// the way first, or this would read from (and dup) the console.
static void
every_call_garbage(void)
{
  int saved = dup(0);
  close(0);
  close(1);
  close(2);
  for(int c = 0; c < sizeof(plain_calls) / sizeof(plain_calls[0]); c++){
    for(int i = 0; i < NGARBAGE; i++)
      for(int j = 0; j < NGARBAGE; j++)
        for(int k = 0; k < NGARBAGE; k++)
          raw_syscall(plain_calls[c], garbage[i], garbage[j], garbage[k],
                      garbage[k], garbage[j], garbage[i]);
  }
  for(int fd = 0; fd < 3; fd++)
    dup(saved);
  close(saved);
}

static void
invalid_numbers(void)
{
  static const long nums[] = { 0, 64, 100, 1000, 0x7fffffff, -1, 0x100000000L, -100 };
  for(int i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
    expect(raw_syscall(nums[i], 1, 2, 3, 4, 5, 6) == -1, "an invalid syscall number did not return -1");
}

// Good descriptors with bad buffers and lengths.
static void
bad_buffers(void)
{
  int fd = open("badargs.tmp", O_CREATE | O_RDWR);
  expect(fd >= 0, "cannot create badargs.tmp");
  write(fd, "0123456789", 10);
  for(int i = 0; i < NGARBAGE; i++){
    void *p = (void *)garbage[i];
    expect(write(fd, p, 100) < 0, "write from a bad pointer");
    expect(read(fd, p, 100) <= 0, "read into a bad pointer");
    expect(fstat(fd, p) < 0, "fstat into a bad pointer");
  }
  close(fd);
  static char buf[64];
  fd = open("badargs.tmp", O_RDONLY);
  expect(read(fd, buf, 0x7fffffff) == 10, "read of 2 GB from a 10-byte file");
  expect(read(fd, buf, -5) <= 0, "read with a negative length");
  close(fd);
  fd = open("badargs.tmp", O_WRONLY);
  expect(write(fd, buf, 0x7fffffff) < 0, "write of 2 GB from a 64-byte buffer");
  expect(write(fd, buf, -5) <= 0, "write with a negative length");
  close(fd);
  unlink("badargs.tmp");

  int p[2];
  expect(pipe(p) == 0, "pipe failed");
  close(p[0]);
  expect(write(p[1], buf, 0x7fffffff) < 0, "huge write to a pipe without readers");
  close(p[1]);
  expect(pipe(p) == 0, "pipe failed");
  close(p[1]);
  expect(read(p[0], (void *)garbage[2], 100) <= 0, "pipe read into the kernel");
  close(p[0]);
}

// exec with argument vectors that are wrong in every way.
static void
bad_exec(void)
{
  char *argv1[] = { "echo", (char *)garbage[2], 0 };
  expect(exec("/echo", argv1) < 0, "exec with a kernel argument");
  // No terminating zero before the end of memory.
  char *top = sbrk(0);
  uint64 pad = (((uint64)top + PGSIZE - 1) & ~(uint64)(PGSIZE - 1)) - (uint64)top;
  char **v = (char **)sbrk(pad + PGSIZE);
  if(v != (char **)-1){
    v = (char **)((char *)v + pad);
    for(int i = 0; i < PGSIZE / sizeof(char *); i++)
      v[i] = "x";
    expect(exec("/echo", v) < 0, "exec with an unterminated argv");
    sbrk(-(int)(pad + PGSIZE));
  }
}

// Calls that block, fork or change memory, tried in children.
static void
in_children(void)
{
  int pid = fork();
  if(pid == 0){
    sleep(-1);
    sleep(-0x7fffffff);
    exit(0);
  }
  sleep(2);
  kill(pid);
  expect(wait(0) == pid, "sleep(-1) child lost");

  pid = fork();
  if(pid == 0){
    sbrk(-0x7fffffff);
    sbrk(0x7fffffff);
    sbrk(-(int)(uint64)sbrk(0) + 100);
    exit(0);
  }
  int st;
  expect(wait(&st) == pid, "sbrk child lost");

  pid = fork();
  if(pid == 0)
    exit(0);
  expect(wait((int *)garbage[2]) == -1, "wait stored a status in the kernel");
  wait(0);

  // Device nodes with impossible numbers cannot be used.
  if(mknod("badargs.dev", -1, -1) == 0){
    int fd = open("badargs.dev", O_RDWR);
    if(fd >= 0){
      char c;
      expect(read(fd, &c, 1) < 0 && write(fd, "x", 1) < 0, "a device with major -1 works");
      close(fd);
    }
    unlink("badargs.dev");
  }
  if(mknod("badargs.dev", 1000, 0) == 0){
    int fd = open("badargs.dev", O_RDWR);
    if(fd >= 0){
      char c;
      expect(read(fd, &c, 1) < 0, "a device with major 1000 reads");
      close(fd);
    }
    unlink("badargs.dev");
  }
}

int
main(void)
{
  garbage[NGARBAGE - 1] = ((long)sbrk(0) + 16 * PGSIZE) & ~(long)(PGSIZE - 1);
  every_call_garbage();
  invalid_numbers();
  bad_buffers();
  bad_exec();
  in_children();
  // The kernel still runs programs.
  int pid = fork();
  if(pid == 0){
    char *argv[] = { "echo", "badargs: kernel alive", 0 };
    exec("/echo", argv);
    exit(1);
  }
  int st = 1;
  wait(&st);
  expect(st == 0, "echo failed afterwards");
  if(failures){
    printf("badargs: FAILED (%d)\n", failures);
    return 1;
  }
  printf("badargs: OK\n");
  return 0;
}
