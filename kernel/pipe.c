// Pipes: a PIPESIZE-byte ring in one kernel page shared by a read end and
// a write end (both struct file). Writers block while it is full, readers
// while it is empty; closing the last writer gives readers end of file,
// closing the last reader makes writes fail.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "sleeplock.h"
#include "fs.h"
#include "file.h"
#include "defs.h"

#define PIPESIZE 512   // a power of two: the counters wrap at 2^32

struct pipe {
  struct spinlock lock;
  char data[PIPESIZE];
  uint nread;      // bytes read so far (wraps; index is mod PIPESIZE)
  uint nwrite;     // bytes written so far
  int readopen;    // read end still open?
  int writeopen;   // write end still open?
};

int
pipealloc(struct file **f0, struct file **f1)
{
  struct pipe *pi = 0;
  *f0 = *f1 = 0;
  if((*f0 = filealloc()) == 0 || (*f1 = filealloc()) == 0)
    goto bad;
  if((pi = kalloc()) == 0)
    goto bad;
  pi->readopen = 1;
  pi->writeopen = 1;
  pi->nwrite = 0;
  pi->nread = 0;
  initlock(&pi->lock, "pipe");
  (*f0)->type = FD_PIPE;
  (*f0)->readable = 1;
  (*f0)->writable = 0;
  (*f0)->pipe = pi;
  (*f1)->type = FD_PIPE;
  (*f1)->readable = 0;
  (*f1)->writable = 1;
  (*f1)->pipe = pi;
  return 0;

bad:
  if(pi)
    kfree(pi);
  if(*f0)
    fileclose(*f0);
  if(*f1)
    fileclose(*f1);
  return -1;
}

void
pipeclose(struct pipe *pi, int writable)
{
  acquire(&pi->lock);
  if(writable){
    pi->writeopen = 0;
    wakeup(&pi->nread);
  } else {
    pi->readopen = 0;
    wakeup(&pi->nwrite);
  }
  if(pi->readopen == 0 && pi->writeopen == 0){
    release(&pi->lock);
    kfree(pi);
  } else {
    release(&pi->lock);
  }
}

static uint
min3(uint a, uint b, uint c)
{
  uint m = a < b ? a : b;
  return m < c ? m : c;
}

// Write n bytes from user address addr; the count written, or -1 if the
// read end is closed, the caller is killed, or addr is bad before any byte
// went in. Copies run as far as the ring is contiguous, not byte by byte.
int
pipewrite(struct pipe *pi, uint64 addr, int n)
{
  struct proc *pr = myproc();
  int i = 0;

  acquire(&pi->lock);
  while(i < n){
    if(pi->readopen == 0 || killed(pr)){
      release(&pi->lock);
      return -1;
    }
    uint space = PIPESIZE - (pi->nwrite - pi->nread);
    if(space == 0){
      wakeup(&pi->nread);
      sleep(&pi->nwrite, &pi->lock);
      continue;
    }
    uint at = pi->nwrite % PIPESIZE;
    uint m = min3(space, PIPESIZE - at, n - i);
    if(copyin(pr->pagetable, &pi->data[at], addr + i, m) < 0)
      break;
    pi->nwrite += m;
    i += m;
  }
  wakeup(&pi->nread);
  release(&pi->lock);
  return i > 0 || n == 0 ? i : -1;
}

// Read up to n bytes into user address addr, waiting for at least one
// unless every writer is gone (then 0: end of file).
int
piperead(struct pipe *pi, uint64 addr, int n)
{
  struct proc *pr = myproc();
  int i = 0;

  acquire(&pi->lock);
  while(pi->nread == pi->nwrite && pi->writeopen){
    if(killed(pr)){
      release(&pi->lock);
      return -1;
    }
    sleep(&pi->nread, &pi->lock);
  }
  while(i < n && pi->nread != pi->nwrite){
    uint at = pi->nread % PIPESIZE;
    uint m = min3(pi->nwrite - pi->nread, PIPESIZE - at, n - i);
    if(copyout(pr->pagetable, addr + i, &pi->data[at], m) < 0){
      if(i == 0){
        release(&pi->lock);
        return -1;
      }
      break;
    }
    pi->nread += m;
    i += m;
  }
  wakeup(&pi->nwrite);
  release(&pi->lock);
  return i;
}
