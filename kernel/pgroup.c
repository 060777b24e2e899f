// pgroups: the group table, creating and removing groups, their knobs, and
// the memory and pids accounting that kalloc() and allocproc() call into.
// Processes of a group (fork into it, kill, freeze) are in proc.c and
// pgproc.c; CPU sharing in pgcpu.c; the telemetry page in telemetry.c.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "proc.h"
#include "fs.h"
#include "file.h"
#include "stat.h"
#include "pgkern.h"
#include "defs.h"

struct pgroup pgroups[PG_MAX];
struct spinlock pglock;

// Limits for a fresh group, as cgroup v2 starts one: none.
static void
pg_reset(struct pgroup *g, int id)
{
  memset(g, 0, sizeof(*g));
  g->st.console = id < machine.nuart ? id : 0;
  g->st.pids_max = PG_NOLIMIT32;
  g->st.mem_max = PG_NOLIMIT;
  g->st.cpu_quota_us = PG_NOLIMIT;
  g->st.cpu_period_us = PG_PERIOD_DEFAULT;
  g->st.cpu_weight = PG_WEIGHT_DEFAULT;
  g->nextvpid = 1;
  g->rootinum = ROOTINO;
}

void
pginit(void)
{
  initlock(&pglock, "pgroups");
  for(int i = 0; i < PG_MAX; i++)
    pg_reset(&pgroups[i], i);
  pgroups[PGROOT].st.state = PG_RUNNING;
  safestrcpy(pgroups[PGROOT].st.name, "root", PGNAME);
  safestrcpy(pgroups[PGROOT].hostname, "xv6", PGHOSTNAME);
}

static int
valid_name(const char *s)
{
  int n = 0;
  for(; s[n]; n++){
    char c = s[n];
    if(!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return 0;
  }
  return n > 0 && n < PGNAME;
}

// Are the limits in spec acceptable? (The same checks as pgctl's.)
static int
valid_limits(uint64 cpu_quota, uint64 cpu_period, uint weight)
{
  if(weight < PG_WEIGHT_MIN || weight > PG_WEIGHT_MAX)
    return 0;
  if(cpu_period < 1000 || cpu_period > 1000000)
    return 0;
  return cpu_quota == PG_NOLIMIT || (cpu_quota >= 1000 && cpu_quota <= 1000000000UL);
}

// The group's root directory: spec->root must name a directory (reached
// from the machine's root). Its inode number, or 0.
static uint
root_inum(char *path)
{
  if(path[0] == 0 || (path[0] == '/' && path[1] == 0))
    return ROOTINO;
  struct inode *ip = namei(path);
  if(ip == 0)
    return 0;
  ilock(ip);
  uint inum = ip->type == T_DIR ? ip->inum : 0;
  iunlockput(ip);
  return inum;
}

// A new group with no process in it; its id, or -1.
int
pg_create(struct pgspec *spec)
{
  // A name that fills the whole field has no room for its NUL: too long.
  int len = 0;
  while(len < PGNAME && spec->name[len])
    len++;
  if(len == PGNAME)
    return -1;
  spec->root[PGROOTPATH - 1] = 0;
  spec->hostname[PGHOSTNAME - 1] = 0;
  if(!valid_name(spec->name) ||
     !valid_limits(spec->cpu_quota_us, spec->cpu_period_us, spec->cpu_weight))
    return -1;
  uint inum = root_inum(spec->root);
  if(inum == 0)
    return -1;

  acquire(&pglock);
  int id = -1;
  for(int i = 1; i < PG_MAX; i++){
    if(pgroups[i].st.state != PG_FREE && strncmp(pgroups[i].st.name, spec->name, PGNAME) == 0){
      release(&pglock);
      return -1;
    }
    if(id < 0 && pgroups[i].st.state == PG_FREE)
      id = i;
  }
  if(id < 0 || strncmp(spec->name, pgroups[PGROOT].st.name, PGNAME) == 0){
    release(&pglock);
    return -1;
  }
  struct pgroup *g = &pgroups[id];
  pg_reset(g, id);
  safestrcpy(g->st.name, spec->name, PGNAME);
  safestrcpy(g->hostname, spec->hostname[0] ? spec->hostname : spec->name, PGHOSTNAME);
  g->st.mem_max = spec->mem_max;
  g->st.pids_max = spec->pids_max;
  g->st.cpu_weight = spec->cpu_weight;
  g->st.cpu_quota_us = spec->cpu_quota_us;
  g->st.cpu_period_us = spec->cpu_period_us;
  g->rootinum = inum;
  pgcpu_join(g);
  g->st.state = PG_RUNNING;
  release(&pglock);
  return id;
}

// Is id a live group other than root? Caller holds pglock.
static int
live(int id)
{
  return id > PGROOT && id < PG_MAX && pgroups[id].st.state != PG_FREE && !pgroups[id].removing;
}

// Removes an empty group. Pages it was charged for and that outlive its
// processes (a pipe whose other end root holds) pass to the root group.
// While the pages move, `removing` keeps the slot from being reused or
// entered.
int
pg_remove(int id)
{
  acquire(&pglock);
  if(!live(id) || pgroups[id].st.pids_current != 0){
    release(&pglock);
    return -1;
  }
  pgroups[id].removing = 1;
  release(&pglock);
  uint64 moved = kalloc_recharge(id, PGROOT);
  acquire(&pglock);
  struct pgstat *root = &pgroups[PGROOT].st;
  root->mem_current += moved * PGSIZE;
  if(root->mem_current > root->mem_peak)
    root->mem_peak = root->mem_current;
  pg_reset(&pgroups[id], id);
  release(&pglock);
  return 0;
}

// pgctl's knobs (PGC_MEMMAX .. PGC_THAW); kill and remove are elsewhere.
int
pg_set(int id, int op, uint64 a, uint64 b)
{
  int ok = 1;
  acquire(&pglock);
  struct pgroup *g = &pgroups[id];
  if(!live(id)){
    release(&pglock);
    return -1;
  }
  switch(op){
  case PGC_MEMMAX:
    g->st.mem_max = a;
    break;
  case PGC_WEIGHT:
    if((ok = valid_limits(PG_NOLIMIT, PG_PERIOD_DEFAULT, a)))
      g->st.cpu_weight = a;
    break;
  case PGC_CPUMAX:
    if((ok = valid_limits(a, b, PG_WEIGHT_DEFAULT))){
      g->st.cpu_quota_us = a;
      g->st.cpu_period_us = b;
      g->throttled = 0;
    }
    break;
  case PGC_PIDSMAX:
    ok = a <= PG_NOLIMIT32;
    if(ok)
      g->st.pids_max = a;
    break;
  case PGC_FREEZE:
    g->st.state = PG_FROZEN;
    break;
  case PGC_THAW:
    g->st.state = PG_RUNNING;
    break;
  default:
    ok = 0;
  }
  release(&pglock);
  if(op == PGC_THAW)
    pg_thawed(id);
  return ok ? 0 : -1;
}

// A copy of group id's state; -1 if there is no such group.
int
pg_getstat(int id, struct pgstat *st)
{
  if(id < 0 || id >= PG_MAX)
    return -1;
  acquire(&pglock);
  *st = pgroups[id].st;
  release(&pglock);
  return st->state == PG_FREE ? -1 : 0;
}

// One page for group id (PG_NOGROUP: the kernel's own); -1 at memory.max.
int
pg_mem_charge(int id)
{
  if(id == PG_NOGROUP)
    return 0;
  acquire(&pglock);
  struct pgstat *st = &pgroups[id].st;
  if(st->mem_max != PG_NOLIMIT && st->mem_current + PGSIZE > st->mem_max){
    st->mem_events_max++;
    release(&pglock);
    return -1;
  }
  st->mem_current += PGSIZE;
  if(st->mem_current > st->mem_peak)
    st->mem_peak = st->mem_current;
  release(&pglock);
  return 0;
}

void
pg_mem_uncharge(int id)
{
  if(id == PG_NOGROUP)
    return;
  acquire(&pglock);
  if(pgroups[id].st.mem_current < PGSIZE)
    panic("pg_mem_uncharge");
  pgroups[id].st.mem_current -= PGSIZE;
  release(&pglock);
}

// A process slot for group id, and its pid in the group's namespace (root:
// pid, the global one); -1 at pids.max, or when the other groups together
// would take the slots kept for root, so that a fork bomb in a group never
// locks the root group out.
int
pg_pids_charge(int id, int pid)
{
  acquire(&pglock);
  struct pgroup *g = &pgroups[id];
  if(id != PGROOT){
    int others = 0;
    for(int i = 1; i < PG_MAX; i++)
      others += pgroups[i].st.pids_current;
    if(!live(id) || others >= NPROC - NPROC_ROOT ||
       (g->st.pids_max != PG_NOLIMIT32 && g->st.pids_current >= g->st.pids_max)){
      if(live(id))
        g->st.pids_events_max++;
      release(&pglock);
      return -1;
    }
  }
  g->st.pids_current++;
  int vpid = id == PGROOT ? pid : g->nextvpid++;
  release(&pglock);
  return vpid;
}

void
pg_pids_uncharge(int id)
{
  acquire(&pglock);
  if(pgroups[id].st.pids_current == 0)
    panic("pg_pids_uncharge");
  pgroups[id].st.pids_current--;
  release(&pglock);
}

// Fields fixed while a group has processes: no lock needed to read them.
uint
pg_rootinum(int id)
{
  return pgroups[id].rootinum;
}

int
pg_console(int id)
{
  return pgroups[id].st.console;
}

void
pg_hostname(int id, char *buf)
{
  acquire(&pglock);
  safestrcpy(buf, pgroups[id].hostname, PGHOSTNAME);
  release(&pglock);
}
