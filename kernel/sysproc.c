// System calls about processes, time and the machine.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "pgroup.h"
#include "defs.h"

uint64
sys_exit(void)
{
  int n;
  argint(0, &n);
  exit(n);
}

uint64
sys_getpid(void)
{
  struct proc *p = myproc();
  return viewpid(p, p);
}

uint64
sys_fork(void)
{
  return fork();
}

uint64
sys_wait(void)
{
  uint64 p;
  argaddr(0, &p);
  return wait(p);
}

// sbrk(n): move the break by n bytes (either way); the old break, or -1.
uint64
sys_sbrk(void)
{
  int n;
  argint(0, &n);
  uint64 addr = myproc()->sz;
  if(growproc(n) < 0)
    return -1;
  return addr;
}

// sleep(n): wait n ticks (1/TICK_HZ s); -1 if killed meanwhile.
uint64
sys_sleep(void)
{
  int n;
  argint(0, &n);
  if(n < 0)
    n = 0;
  acquire(&tickslock);
  uint ticks0 = ticks;
  while(ticks - ticks0 < (uint)n){
    if(killed(myproc())){
      release(&tickslock);
      return -1;
    }
    sleep(&ticks, &tickslock);
  }
  release(&tickslock);
  return 0;
}

uint64
sys_kill(void)
{
  int pid;
  argint(0, &pid);
  if(pid <= 0)
    return -1;
  return kill(pid);
}

// Ticks since boot.
uint64
sys_uptime(void)
{
  acquire(&tickslock);
  uint xticks = ticks;
  release(&tickslock);
  return xticks;
}

// halt(code): power the machine off; the emulator exits with code.
uint64
sys_halt(void)
{
  int code;
  argint(0, &code);
  if(myproc()->pgroup != PGROOT)
    return -1;   // a container does not switch the machine off
  poweroff(code);
}
