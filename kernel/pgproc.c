// Processes as pgroups see them: the freezer (cgroup.freeze), and the
// process list a caller may see (ps).
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "pgkern.h"
#include "defs.h"

extern struct proc proc[NPROC];

// Frozen processes sleep on their group's entry under this lock. Not
// pglock: sleep() takes p->lock, and pglock is a leaf.
static struct spinlock freezelock;

void
pgprocinit(void)
{
  initlock(&freezelock, "freezer");
}

static int
frozen(int g)
{
  return __atomic_load_n(&pgroups[g].st.state, __ATOMIC_ACQUIRE) == PG_FROZEN;
}

// Called on the way back to user mode, where a process holds no lock and
// no log transaction: a process of a frozen group waits here until the
// group is thawed or the process is killed.
void
pg_freeze_point(struct proc *p)
{
  int g = p->pgroup;
  if(!frozen(g))
    return;
  acquire(&freezelock);
  while(frozen(g) && !killed(p))
    sleep(&pgroups[g], &freezelock);
  release(&freezelock);
}

// The group's state is no longer frozen: let its processes go.
void
pg_thawed(int g)
{
  acquire(&freezelock);
  wakeup(&pgroups[g]);
  release(&freezelock);
}

// Pages a process of size sz holds: its user pages (all of [0, sz) is
// mapped), the page-table pages that map them and the trampoline at the
// top, its trapframe and its kernel stack. Computed from sz rather than by
// walking the table, which another hart may be replacing (exec).
static uint
procpages(uint64 sz)
{
  uint64 user = PGROUNDUP(sz) / PGSIZE;
  uint64 l0 = (sz + (1UL << 21) - 1) >> 21;   // one per 2 MiB
  uint64 l1 = (sz + (1UL << 30) - 1) >> 30;   // one per 1 GiB
  return user + 1 + l1 + l0 + 2 + 2;
}

static int
psstate(enum procstate s)
{
  switch(s){
  case SLEEPING: return PS_SLEEPING;
  case RUNNABLE: return PS_RUNNABLE;
  case RUNNING:  return PS_RUNNING;
  case ZOMBIE:   return PS_ZOMBIE;
  default:       return PS_USED;
  }
}

// Up to max entries for the processes the caller may see, copied to the
// user address dst; how many, or -1 on a bad address.
int
getprocs(uint64 dst, int max)
{
  struct proc *me = myproc();
  int n = 0;
  for(struct proc *p = proc; p < &proc[NPROC] && n < max; p++){
    struct procinfo pi;
    acquire(&p->lock);
    int visible = p->state != UNUSED && p->state != USED &&
                  (me->pgroup == PGROOT || p->pgroup == me->pgroup);
    if(visible){
      pi.pid = viewpid(me, p);
      pi.pgroup = p->pgroup;
      pi.state = psstate(p->state);
      pi.mem_pages = procpages(p->sz);
      safestrcpy(pi.name, p->name, sizeof(pi.name));
    }
    release(&p->lock);
    if(!visible)
      continue;
    if(copyout(me->pagetable, dst + n * sizeof(pi), (char *)&pi, sizeof(pi)) < 0)
      return -1;
    n++;
  }
  return n;
}
