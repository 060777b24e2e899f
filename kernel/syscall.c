// System call dispatch, and fetching arguments from user space safely:
// arguments arrive in a0..a5 of the trapframe, the number in a7, and any
// pointer among them is checked (copyin/copyinstr) before use.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "syscall.h"
#include "defs.h"

// The uint64 at user address addr; 0, or -1 if it is not user memory.
int
fetchaddr(uint64 addr, uint64 *ip)
{
  struct proc *p = myproc();
  if(addr >= p->sz || addr + sizeof(uint64) > p->sz || addr + sizeof(uint64) < addr)
    return -1;
  if(copyin(p->pagetable, (char *)ip, addr, sizeof(*ip)) != 0)
    return -1;
  return 0;
}

// The NUL-terminated string at user address addr: its length, or -1.
int
fetchstr(uint64 addr, char *buf, int max)
{
  struct proc *p = myproc();
  if(copyinstr(p->pagetable, buf, addr, max) < 0)
    return -1;
  return strlen(buf);
}

static uint64
argraw(int n)
{
  struct trapframe *tf = myproc()->trapframe;
  switch(n){
  case 0: return tf->a0;
  case 1: return tf->a1;
  case 2: return tf->a2;
  case 3: return tf->a3;
  case 4: return tf->a4;
  case 5: return tf->a5;
  }
  panic("argraw");
}

void
argint(int n, int *ip)
{
  *ip = argraw(n);
}

// An address argument, unchecked: copyin/copyout check it when it is used.
void
argaddr(int n, uint64 *ip)
{
  *ip = argraw(n);
}

// A string argument copied into buf: its length, or -1.
int
argstr(int n, char *buf, int max)
{
  uint64 addr;
  argaddr(n, &addr);
  return fetchstr(addr, buf, max);
}

uint64 sys_fork(void);
uint64 sys_exit(void);
uint64 sys_wait(void);
uint64 sys_pipe(void);
uint64 sys_read(void);
uint64 sys_kill(void);
uint64 sys_exec(void);
uint64 sys_fstat(void);
uint64 sys_chdir(void);
uint64 sys_dup(void);
uint64 sys_getpid(void);
uint64 sys_sbrk(void);
uint64 sys_sleep(void);
uint64 sys_uptime(void);
uint64 sys_open(void);
uint64 sys_write(void);
uint64 sys_mknod(void);
uint64 sys_unlink(void);
uint64 sys_link(void);
uint64 sys_mkdir(void);
uint64 sys_close(void);
uint64 sys_halt(void);
uint64 sys_pgcreate(void);
uint64 sys_pgfork(void);
uint64 sys_pgctl(void);
uint64 sys_pgstat(void);
uint64 sys_getprocs(void);
uint64 sys_gethostname(void);
uint64 sys_freepages(void);

static uint64 (*syscalls[])(void) = {
  [SYS_fork]   sys_fork,
  [SYS_exit]   sys_exit,
  [SYS_wait]   sys_wait,
  [SYS_pipe]   sys_pipe,
  [SYS_read]   sys_read,
  [SYS_kill]   sys_kill,
  [SYS_exec]   sys_exec,
  [SYS_fstat]  sys_fstat,
  [SYS_chdir]  sys_chdir,
  [SYS_dup]    sys_dup,
  [SYS_getpid] sys_getpid,
  [SYS_sbrk]   sys_sbrk,
  [SYS_sleep]  sys_sleep,
  [SYS_uptime] sys_uptime,
  [SYS_open]   sys_open,
  [SYS_write]  sys_write,
  [SYS_mknod]  sys_mknod,
  [SYS_unlink] sys_unlink,
  [SYS_link]   sys_link,
  [SYS_mkdir]  sys_mkdir,
  [SYS_close]  sys_close,
  [SYS_halt]   sys_halt,
  [SYS_pgcreate]    sys_pgcreate,
  [SYS_pgfork]      sys_pgfork,
  [SYS_pgctl]       sys_pgctl,
  [SYS_pgstat]      sys_pgstat,
  [SYS_getprocs]    sys_getprocs,
  [SYS_gethostname] sys_gethostname,
  [SYS_freepages]   sys_freepages,
};

void
syscall(void)
{
  struct proc *p = myproc();
  uint64 num = p->trapframe->a7;
  if(num < NELEM(syscalls) && syscalls[num])
    p->trapframe->a0 = syscalls[num]();
  else
    p->trapframe->a0 = -1;   // unknown numbers fail quietly: a test feeds garbage
}
