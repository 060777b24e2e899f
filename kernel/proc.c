// Processes: the table, their life cycle (fork, exit, wait, kill), and
// sleep/wakeup. The scheduler that runs them is in sched.c.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "pgkern.h"
#include "defs.h"

struct cpu cpus[NCPU];
struct proc proc[NPROC];
static struct proc *initproc;

static int nextpid = 1;
static struct spinlock pid_lock;

// Taken before any p->lock; guards every p->parent, so that a parent's
// wait() cannot miss the wakeup of a child's exit().
static struct spinlock wait_lock;

extern char trampoline[];   // trampoline.S
extern char initcode_start[], initcode_end[];  // initcode.S

static void freeproc(struct proc *p);
void forkret(void);

// A kernel stack page per slot, high in the kernel's address space with an
// unmapped guard page below each, so an overflow faults instead of
// overwriting a neighbour.
void
proc_mapstacks(pagetable_t kpgtbl)
{
  for(struct proc *p = proc; p < &proc[NPROC]; p++){
    char *pa = kalloc();
    if(pa == 0)
      panic("proc_mapstacks");
    kvmmap(kpgtbl, KSTACK(p - proc), (uint64)pa, PGSIZE, PTE_R | PTE_W);
  }
}

void
procinit(void)
{
  initlock(&pid_lock, "nextpid");
  initlock(&wait_lock, "wait_lock");
  for(struct proc *p = proc; p < &proc[NPROC]; p++){
    initlock(&p->lock, "proc");
    p->state = UNUSED;
    p->kstack = KSTACK(p - proc);
  }
}

// Only stable with interrupts off: the process may move to another hart.
int
cpuid(void)
{
  return r_tp();
}

struct cpu *
mycpu(void)
{
  return &cpus[cpuid()];
}

struct proc *
myproc(void)
{
  push_off();
  struct proc *p = mycpu()->proc;
  pop_off();
  return p;
}

static int
allocpid(void)
{
  acquire(&pid_lock);
  int pid = nextpid++;
  release(&pid_lock);
  return pid;
}

// Claim an unused slot for a process of group g and give it what a process
// needs to run in the kernel: a slot and a kernel stack charged to g, and a
// trapframe and page table charged to whatever the caller's chargeg says.
// Returns it locked, or 0 if the table, the group's pids.max or memory.max,
// or memory is full.
static struct proc *
allocproc(int g)
{
  struct proc *p;
  for(p = proc; p < &proc[NPROC]; p++){
    acquire(&p->lock);
    if(p->state == UNUSED)
      goto found;
    release(&p->lock);
  }
  return 0;

found:
  p->pid = allocpid();
  if((p->vpid = pg_pids_charge(g, p->pid)) < 0){
    release(&p->lock);
    return 0;
  }
  if(pg_mem_charge(g) < 0){   // the kernel stack, allocated at boot per slot
    pg_pids_uncharge(g);
    release(&p->lock);
    return 0;
  }
  p->pgroup = g;
  p->chargeg = g;
  p->charged = 1;
  p->state = USED;
  if((p->trapframe = kalloc()) == 0 || (p->pagetable = proc_pagetable(p)) == 0){
    freeproc(p);
    release(&p->lock);
    return 0;
  }
  asid_changed(p);
  // The first swtch() to it "returns" into forkret on its kernel stack.
  memset(&p->context, 0, sizeof(p->context));
  p->context.ra = (uint64)forkret;
  p->context.sp = p->kstack + PGSIZE;
  return p;
}

// Release everything a slot holds; p->lock must be held.
static void
freeproc(struct proc *p)
{
  if(p->trapframe)
    kfree(p->trapframe);
  p->trapframe = 0;
  if(p->pagetable)
    proc_freepagetable(p->pagetable, p->sz);
  p->pagetable = 0;
  if(p->charged){
    pg_mem_uncharge(p->pgroup);
    pg_pids_uncharge(p->pgroup);
  }
  p->charged = 0;
  p->sz = 0;
  p->pid = 0;
  p->vpid = 0;
  p->parent = 0;
  p->name[0] = 0;
  p->chan = 0;
  p->killed = 0;
  p->xstate = 0;
  p->pgroup = 0;
  p->chargeg = 0;
  p->state = UNUSED;
}

// An empty user page table with the trampoline and p's trapframe mapped
// (neither user-accessible).
pagetable_t
proc_pagetable(struct proc *p)
{
  pagetable_t pagetable = uvmcreate();
  if(pagetable == 0)
    return 0;
  if(mappages(pagetable, TRAMPOLINE, PGSIZE, (uint64)trampoline, PTE_R | PTE_X) < 0){
    uvmfree(pagetable, 0);
    return 0;
  }
  if(mappages(pagetable, TRAPFRAME, PGSIZE, (uint64)p->trapframe, PTE_R | PTE_W) < 0){
    uvmunmap(pagetable, TRAMPOLINE, 1, 0);
    uvmfree(pagetable, 0);
    return 0;
  }
  return pagetable;
}

void
proc_freepagetable(pagetable_t pagetable, uint64 sz)
{
  uvmunmap(pagetable, TRAMPOLINE, 1, 0);
  uvmunmap(pagetable, TRAPFRAME, 1, 0);
  uvmfree(pagetable, sz);
}

// The first process runs initcode.S, which execs /init.
void
userinit(void)
{
  struct proc *p = allocproc(PGROOT);
  if(p == 0)
    panic("userinit");
  initproc = p;

  uint64 n = initcode_end - initcode_start;
  if(n > PGSIZE || uvmalloc(p->pagetable, 0, PGSIZE, PTE_W | PTE_X) == 0)
    panic("userinit: initcode");
  copyout(p->pagetable, 0, initcode_start, n);
  p->sz = PGSIZE;
  p->trapframe->epc = 0;
  p->trapframe->sp = PGSIZE;
  safestrcpy(p->name, "initcode", sizeof(p->name));
  p->state = RUNNABLE;
  release(&p->lock);
}

// Grow or shrink the caller's memory by n bytes. Memory never reaches the
// trapframe, and never shrinks below zero. 0 on success, -1 on failure.
int
growproc(int n)
{
  struct proc *p = myproc();
  uint64 sz = p->sz;
  if(n > 0){
    if(sz + n > TRAPFRAME)
      return -1;
    if((sz = uvmalloc(p->pagetable, sz, sz + n, PTE_W)) == 0)
      return -1;
  } else if(n < 0){
    if((uint64)-(int64)n > sz)
      return -1;
    sz = uvmdealloc(p->pagetable, sz, sz + n);
  }
  p->sz = sz;
  asid_changed(p);
  return 0;
}

// pid as viewer sees target: root sees global pids, a group its own.
int
viewpid(struct proc *viewer, struct proc *target)
{
  return viewer->pgroup == PGROOT ? target->pid : target->vpid;
}

// A copy of the caller's memory and registers as a new process of group g,
// every page charged to g from the first. Returned locked, or 0.
static struct proc *
copyproc(int g)
{
  struct proc *p = myproc();
  p->chargeg = g;
  struct proc *np = allocproc(g);
  if(np && uvmcopy(p->pagetable, np->pagetable, p->sz) < 0){
    freeproc(np);
    release(&np->lock);
    np = 0;
  }
  p->chargeg = p->pgroup;
  if(np == 0)
    return 0;
  np->sz = p->sz;
  *np->trapframe = *p->trapframe;
  np->trapframe->a0 = 0;
  safestrcpy(np->name, p->name, sizeof(p->name));
  return np;
}

// np, prepared and unlocked, gets its parent and may run.
static void
startproc(struct proc *np, struct proc *parent)
{
  acquire(&wait_lock);
  np->parent = parent;
  release(&wait_lock);

  acquire(&np->lock);
  np->state = RUNNABLE;
  release(&np->lock);
  sched_notify();
}

// A copy of the caller, returning the child's pid to the parent and 0 to
// the child; -1 if there is no slot or no memory.
int
fork(void)
{
  struct proc *p = myproc();
  struct proc *np = copyproc(p->pgroup);
  if(np == 0)
    return -1;
  release(&np->lock);
  for(int i = 0; i < NOFILE; i++)
    if(p->ofile[i])
      np->ofile[i] = filedup(p->ofile[i]);
  np->cwd = idup(p->cwd);
  int pid = viewpid(p, np);
  startproc(np, p);
  return pid;
}

// fork() into group g (the caller is root's): the child has the group's
// console on fds 0-2 and nothing else open, starts at the group's root
// directory, and is the machine's init's child, as a process entered from
// outside. Returns the child's pid in the group's namespace, 0 to the child.
int
pgfork(int g)
{
  struct file *f = console_file(pg_console(g));
  if(f == 0)
    return -1;
  struct proc *np = copyproc(g);
  if(np == 0){
    fileclose(f);
    return -1;
  }
  release(&np->lock);
  np->ofile[0] = f;
  np->ofile[1] = filedup(f);
  np->ofile[2] = filedup(f);
  np->cwd = iroot(pg_rootinum(g));
  int vpid = np->vpid;
  startproc(np, initproc);
  return vpid;
}

// The running pid 1 of group g other than p, or 0. Caller holds wait_lock.
static struct proc *
group_init(int g, struct proc *p)
{
  for(struct proc *pp = proc; pp < &proc[NPROC]; pp++){
    enum procstate s = __atomic_load_n(&pp->state, __ATOMIC_RELAXED);
    if(pp != p && pp->pgroup == g && pp->vpid == 1 && s != UNUSED && s != ZOMBIE)
      return pp;
  }
  return 0;
}

// Hand p's children to its group's pid 1, or to the machine's init when
// p is root's or its group has no pid 1 left. Caller holds wait_lock.
static void
reparent(struct proc *p)
{
  struct proc *heir = 0;
  if(p->pgroup != PGROOT)
    heir = group_init(p->pgroup, p);
  if(heir == 0)
    heir = initproc;
  for(struct proc *pp = proc; pp < &proc[NPROC]; pp++){
    if(pp->parent == p){
      pp->parent = heir;
      wakeup(heir);
    }
  }
}

// The caller ends; it stays a ZOMBIE until its parent wait()s for it.
void
exit(int status)
{
  struct proc *p = myproc();
  if(p == initproc)
    panic("init exiting: /init could not be run (missing or not a program) or it ended");
  // A group ends with its pid 1, as a pid namespace does.
  if(p->pgroup != PGROOT && p->vpid == 1)
    pgkill(p->pgroup);

  for(int fd = 0; fd < NOFILE; fd++){
    if(p->ofile[fd]){
      fileclose(p->ofile[fd]);
      p->ofile[fd] = 0;
    }
  }
  begin_op();
  iput(p->cwd);
  end_op();
  p->cwd = 0;

  acquire(&wait_lock);
  reparent(p);
  wakeup(p->parent);   // the parent may be asleep in wait()
  acquire(&p->lock);
  p->xstate = status;
  p->state = ZOMBIE;
  release(&wait_lock);

  sched();
  panic("zombie exit");
}

// Wait for a child to exit; copy its status to user address addr unless it
// is 0. Returns the child's pid, or -1 if there are no children, the
// caller was killed, or addr is bad.
int
wait(uint64 addr)
{
  struct proc *p = myproc();
  acquire(&wait_lock);
  for(;;){
    int havekids = 0;
    for(struct proc *pp = proc; pp < &proc[NPROC]; pp++){
      if(pp->parent != p)
        continue;
      acquire(&pp->lock);
      havekids = 1;
      if(pp->state == ZOMBIE){
        int pid = viewpid(p, pp);
        if(addr != 0 && copyout(p->pagetable, addr, (char *)&pp->xstate, sizeof(pp->xstate)) < 0){
          release(&pp->lock);
          release(&wait_lock);
          return -1;
        }
        freeproc(pp);
        release(&pp->lock);
        release(&wait_lock);
        return pid;
      }
      release(&pp->lock);
    }
    if(!havekids || killed(p)){
      release(&wait_lock);
      return -1;
    }
    sleep(p, &wait_lock);
  }
}

// Atomically release lk and sleep on chan; reacquire lk when woken.
void
sleep(void *chan, struct spinlock *lk)
{
  struct proc *p = myproc();
  // Once p->lock is held no wakeup can be missed: wakeup takes it too.
  // chan and state are set before lk goes, so that a waker, which holds lk
  // when it calls wakeup(), already sees them without taking p->lock.
  acquire(&p->lock);
  p->chan = chan;
  p->state = SLEEPING;
  release(lk);
  sched();
  p->chan = 0;
  release(&p->lock);
  acquire(lk);
}

// Wake every process sleeping on chan. Call with the lock that guards the
// condition slept on held (sleep's lk), and without any p->lock.
//
// Only processes seen sleeping on chan are locked: wakeups are frequent
// (every buffer and inode unlock) and locking all NPROC slots each time
// dominated file-system-heavy work. The unlocked look is safe because a
// sleeper sets chan and state before it releases lk, which the caller holds.
void
wakeup(void *chan)
{
  struct proc *me = myproc();
  int woken = 0;
  for(struct proc *p = proc; p < &proc[NPROC]; p++){
    if(p == me || __atomic_load_n(&p->state, __ATOMIC_RELAXED) != SLEEPING ||
       __atomic_load_n(&p->chan, __ATOMIC_RELAXED) != chan)
      continue;
    acquire(&p->lock);
    if(p->state == SLEEPING && p->chan == chan){
      p->state = RUNNABLE;
      woken++;
    }
    release(&p->lock);
  }
  while(woken-- > 0)
    sched_notify();
}

// Mark p killed; it exits the next time it crosses the user/kernel
// boundary. A sleeping victim is woken so that it notices. Caller holds
// p->lock and releases it after.
static int
markkilled(struct proc *p)
{
  p->killed = 1;
  int woke = p->state == SLEEPING;
  if(woke)
    p->state = RUNNABLE;
  return woke;
}

// Kill the process the caller calls pid. Nobody kills the machine's init,
// and a group's processes cannot kill their pid 1 (only root can).
int
kill(int pid)
{
  struct proc *me = myproc();
  int g = me->pgroup;
  for(struct proc *p = proc; p < &proc[NPROC]; p++){
    acquire(&p->lock);
    int match = p->state != UNUSED &&
      (g == PGROOT ? p->pid == pid : (p->pgroup == g && p->vpid == pid));
    if(match){
      if(p == initproc || (g != PGROOT && p->vpid == 1)){
        release(&p->lock);
        return -1;
      }
      int woke = markkilled(p);
      release(&p->lock);
      if(woke)
        sched_notify();
      return 0;
    }
    release(&p->lock);
  }
  return -1;
}

// Kill every process of group g; how many there were.
int
pgkill(int g)
{
  int n = 0, woken = 0;
  struct proc *me = myproc();
  for(struct proc *p = proc; p < &proc[NPROC]; p++){
    if(p == me || __atomic_load_n(&p->pgroup, __ATOMIC_RELAXED) != g)
      continue;
    acquire(&p->lock);
    if(p->state != UNUSED && p->pgroup == g){
      n++;
      woken += markkilled(p);
    }
    release(&p->lock);
  }
  while(woken-- > 0)
    sched_notify();
  return n;
}

void
setkilled(struct proc *p)
{
  acquire(&p->lock);
  p->killed = 1;
  release(&p->lock);
}

int
killed(struct proc *p)
{
  acquire(&p->lock);
  int k = p->killed;
  release(&p->lock);
  return k;
}

// Copy to a user address (user_dst) or a kernel one; 0 or -1.
int
either_copyout(int user_dst, uint64 dst, void *src, uint64 len)
{
  if(user_dst)
    return copyout(myproc()->pagetable, dst, src, len);
  memmove((char *)dst, src, len);
  return 0;
}

int
either_copyin(void *dst, int user_src, uint64 src, uint64 len)
{
  if(user_src)
    return copyin(myproc()->pagetable, dst, src, len);
  memmove(dst, (char *)src, len);
  return 0;
}

// ^P on the console: list processes. Takes no locks, so that it works on a
// wedged machine.
void
procdump(void)
{
  static char *states[] = {
    [UNUSED] "unused", [USED] "used", [SLEEPING] "sleep",
    [RUNNABLE] "runble", [RUNNING] "run", [ZOMBIE] "zombie",
  };
  printf("\n");
  for(struct proc *p = proc; p < &proc[NPROC]; p++){
    if(p->state == UNUSED)
      continue;
    char *state = (p->state < NELEM(states) && states[p->state]) ? states[p->state] : "???";
    printf("%d %s %s (group %d)", p->pid, state, p->name, p->pgroup);
    if(p->state == SLEEPING)
      printf(" on %p", (uint64)p->chan);
    printf("\n");
  }
}
