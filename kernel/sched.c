// The per-hart scheduler loop, the switches into and out of it, and idle
// harts: a hart with nothing to run parks in WFI and another hart that
// makes a process runnable wakes it with an IPI.
//
// Which process runs next is decided by sched_pick(): the pgroup comes
// from pgcpu.c (cpu.weight, cpu.max), then round robin inside the group.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "pgkern.h"
#include "defs.h"

extern struct proc proc[NPROC];

// A RUNNABLE process of group g, taking turns from the group's cursor,
// returned with its lock held; or 0.
static struct proc *
pick_in_group(int g)
{
  int start = pgroups[g].rr;
  for(int i = 0; i < NPROC; i++){
    int slot = (start + i) % NPROC;
    struct proc *p = &proc[slot];
    // Lock only likely candidates; the state is checked again under the lock.
    if(__atomic_load_n(&p->state, __ATOMIC_RELAXED) != RUNNABLE || p->pgroup != g)
      continue;
    acquire(&p->lock);
    if(p->state == RUNNABLE && p->pgroup == g){
      pgroups[g].rr = (slot + 1) % NPROC;   // a racy hint: any value is safe
      return p;
    }
    release(&p->lock);
  }
  return 0;
}

// The next process to run: from the group that pgcpu_order() puts first
// (cpu.weight, cpu.max), round robin inside it. Returns it locked, or 0;
// then *throttled says whether runnable processes wait for cpu.max.
static struct proc *
sched_pick(int *throttled)
{
  uint busy = 0, runnable = 0;
  for(struct proc *p = proc; p < &proc[NPROC]; p++){
    enum procstate s = __atomic_load_n(&p->state, __ATOMIC_RELAXED);
    if(s == RUNNABLE)
      runnable |= 1U << p->pgroup;
    if(s == RUNNABLE || s == RUNNING)
      busy |= 1U << p->pgroup;
  }
  *throttled = 0;
  if(runnable == 0)
    return 0;
  int order[PG_MAX];
  int n = pgcpu_order(busy, runnable, order);
  for(int i = 0; i < n; i++){
    struct proc *p = pick_in_group(order[i]);
    if(p)
      return p;
  }
  *throttled = n == 0;
  return 0;
}

// A process just became runnable: if some hart is parked in WFI, wake one.
// Claiming the idle flag first keeps two wakers from picking the same hart.
void
sched_notify(void)
{
  int me = r_tp();
  for(int h = 0; h < machine.nharts; h++){
    if(h == me)
      continue;
    if(cpus[h].idle && __sync_bool_compare_and_swap(&cpus[h].idle, 1, 0)){
      *(volatile uint32 *)CLINT_MSIP_OF(h) = 1;
      return;
    }
  }
}

// An IPI arrived (forwarded as a supervisor software interrupt by mvec.S).
// The wake-up itself was the point; the scheduler loop looks again.
void
ipi_receive(void)
{
  csr_clear(sip, IRQ_SSI);
}

// Each hart runs this forever after boot.
void
scheduler(void)
{
  struct cpu *c = mycpu();
  c->proc = 0;
  c->rungroup = -1;
  for(;;){
    // Devices may interrupt while we look; a process that did intr_off()
    // must not leave them off here.
    intr_on();
    c->idle = 1;
    __sync_synchronize();
    int throttled;
    struct proc *p = sched_pick(&throttled);
    if(p == 0){
      // A waker that saw idle == 1 clears it and sends an IPI. Interrupts
      // are off from the test to wfi, so an IPI in between stays pending
      // and ends the wfi rather than being taken just before it.
      intr_off();
      if(c->idle){
        // Only hart 0 keeps time while idle (ticks, telemetry); the others
        // sleep until an IPI, unless work waits for a cpu.max period.
        int quiet = cpuid() != 0 && !throttled;
        if(quiet)
          csr_write(CSR_STIMECMP, ~0UL);
        wfi();
        if(quiet)
          csr_write(CSR_STIMECMP, r_time() + TIMEBASE_HZ / SCHED_HZ);
      }
      c->idle = 0;
      continue;
    }
    c->idle = 0;
    p->state = RUNNING;
    c->proc = p;
    uint64 start = r_time();
    __atomic_store_n(&c->runstart, start, __ATOMIC_RELAXED);
    __atomic_store_n(&c->rungroup, p->pgroup, __ATOMIC_RELEASE);
    swtch(&c->context, &p->context);
    // The process is back in the scheduler, its lock held by whoever
    // switched here (yield, sleep, exit).
    uint64 ran = r_time() - start;
    int g = p->pgroup;
    __atomic_store_n(&c->rungroup, -1, __ATOMIC_RELEASE);
    c->proc = 0;
    release(&p->lock);
    // After the release: pglock is taken under no p->lock here.
    pgcpu_charge(g, ran);
  }
}

// Switch from the current process to this hart's scheduler. The caller
// holds p->lock and nothing else, and has changed p->state. intena is
// saved because it belongs to the kernel thread, not the hart.
void
sched(void)
{
  struct proc *p = myproc();
  if(!holding(&p->lock))
    panic("sched p->lock");
  if(mycpu()->noff != 1)
    panic("sched locks");
  if(p->state == RUNNING)
    panic("sched running");
  if(intr_get())
    panic("sched interruptible");
  int intena = mycpu()->intena;
  swtch(&p->context, &mycpu()->context);
  mycpu()->intena = intena;
}

// Give up the hart for one scheduling round.
void
yield(void)
{
  struct proc *p = myproc();
  acquire(&p->lock);
  p->state = RUNNABLE;
  sched();
  release(&p->lock);
}

// A new process's first switch lands here, still holding p->lock from
// the scheduler.
void
forkret(void)
{
  static int first = 1;
  struct proc *p = myproc();
  release(&p->lock);

  if(first){
    // The file system sleeps while it reads the disk, so it is set up
    // here, in a process, rather than in main().
    fsinit(ROOTDEV);
    first = 0;
    __sync_synchronize();
    p->cwd = namei("/");
  }
  pg_freeze_point(p);
  if(killed(p))
    exit(-1);
  usertrapret();
}
