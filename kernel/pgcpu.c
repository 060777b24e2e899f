// CPU time between pgroups: cpu.weight by stride scheduling, cpu.max by a
// quota per period, cpu.stat by the time each process actually ran.
//
// Each group has a pass; running for t ticks adds t * STRIDE_SCALE / weight
// to it. The scheduler runs the busy group with the lowest pass, so over
// time busy groups get CPU in proportion to their weights, on any number
// of harts. A group that was idle joins at the lowest pass of the groups
// that stayed busy, so sleeping never banks credit. Inside a group,
// processes take turns (round robin, sched.c).
//
// Time comes from the time CSR around every switch (sched.c), not from
// timer ticks, so a process that sleeps after a few microseconds is charged
// a few microseconds.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "pgkern.h"
#include "defs.h"

#define STRIDE_SCALE  PG_WEIGHT_MAX
#define TICKS_PER_US  (TIMEBASE_HZ / 1000000)

// The lowest pass among busy groups; caller holds pglock.
static uint64
min_busy_pass(void)
{
  uint64 m = ~0UL;
  for(int i = 0; i < PG_MAX; i++)
    if(pgroups[i].st.state != PG_FREE && pgroups[i].busy && pgroups[i].pass < m)
      m = pgroups[i].pass;
  return m == ~0UL ? 0 : m;
}

// A new group starts level with the busy ones. Caller holds pglock.
void
pgcpu_join(struct pgroup *g)
{
  g->pass = min_busy_pass();
  g->busy = 0;
}

// Time group id's processes have run so far in slices not yet charged,
// on every hart (each hart notes what it runs in struct cpu).
static uint64
inflight(int id, uint64 now)
{
  uint64 t = 0;
  for(int h = 0; h < machine.nharts; h++){
    if(__atomic_load_n(&cpus[h].rungroup, __ATOMIC_ACQUIRE) != id)
      continue;
    uint64 start = __atomic_load_n(&cpus[h].runstart, __ATOMIC_RELAXED);
    if(now > start)
      t += now - start;
  }
  return t;
}

// cpu.max: has g used its quota in the current period, counting what its
// processes are running on other harts right now? Starts a new period when
// the old one is over; time run past the quota is owed to the next ones.
// Caller holds pglock.
static int
throttled(struct pgroup *g, int id, uint64 now)
{
  if(g->st.cpu_quota_us == PG_NOLIMIT)
    return 0;
  uint64 period = g->st.cpu_period_us * TICKS_PER_US;
  uint64 quota = g->st.cpu_quota_us * TICKS_PER_US;
  if(now - g->period_start >= period){
    uint64 passed = (now - g->period_start) / period;
    g->period_start += passed * period;
    uint64 allowed = passed * quota;
    g->period_used = g->period_used > allowed ? g->period_used - allowed : 0;
    g->throttled = 0;
  }
  if(!g->throttled && g->period_used + inflight(id, now) >= quota){
    g->throttled = 1;
    g->st.cpu_nr_throttled++;
  }
  return g->throttled;
}

// The groups worth looking in for a process to run, best first: those with
// a runnable process (bit i of `runnable`), not throttled, lowest pass
// first. `busy` also has the groups whose processes are all running.
// Returns how many ids it wrote to order[].
int
pgcpu_order(uint busy, uint runnable, int *order)
{
  uint64 now = r_time();
  int n = 0;
  acquire(&pglock);
  uint64 floor = min_busy_pass();
  for(int i = 0; i < PG_MAX; i++){
    struct pgroup *g = &pgroups[i];
    int isbusy = (busy >> i) & 1;
    if(isbusy && !g->busy && g->pass < floor)
      g->pass = floor;
    g->busy = isbusy;
    if(!((runnable >> i) & 1) || g->st.state == PG_FREE || throttled(g, i, now))
      continue;
    // Insertion sort: at most PG_MAX entries.
    int j = n++;
    while(j > 0 && pgroups[order[j - 1]].pass > g->pass){
      order[j] = order[j - 1];
      j--;
    }
    order[j] = i;
  }
  release(&pglock);
  return n;
}

// A process of group id ran for `ticks`.
void
pgcpu_charge(int id, uint64 ticks)
{
  acquire(&pglock);
  struct pgroup *g = &pgroups[id];
  if(g->st.state != PG_FREE){
    g->usage += ticks;
    g->st.cpu_usage_usec = g->usage / TICKS_PER_US;
    g->pass += ticks * STRIDE_SCALE / g->st.cpu_weight;
    g->period_used += ticks;
  }
  release(&pglock);
}

// About once a second (hart 0): each group's share of one hart since the
// last time, measured against the time CSR, since timer ticks come late on
// a loaded host.
void
pgcpu_second(void)
{
  static uint64 last;
  uint64 now = r_time();
  uint64 span = now - last;
  if(last == 0 || span == 0){
    last = now;
    return;
  }
  last = now;
  acquire(&pglock);
  for(int i = 0; i < PG_MAX; i++){
    struct pgroup *g = &pgroups[i];
    if(g->st.state == PG_FREE)
      continue;
    g->st.cpu_percent = (g->usage - g->usage_at_second) * 100 / span;
    g->usage_at_second = g->usage;
  }
  release(&pglock);
}
