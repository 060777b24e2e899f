// pgroups: the interface user space sees (shared by kernel/ and user/).
//
// A pgroup is a namespace and a cgroup in one. Group 0 is the root group;
// groups 1..PG_MAX-1 are created by pgcreate() and use UART k as their
// console when the machine has it (else UART0). System calls:
//
//   pgcreate(&spec)        root only: a new, empty group; returns its id
//   pgfork(id)             root only: fork into group id. The child starts
//                          with the group's console on fds 0-2 (nothing else
//                          open), its cwd at the group's root, and the next
//                          pid of the group's namespace (the first is pid 1,
//                          the group's init). Returns that in-group pid to
//                          the parent, 0 to the child.
//   pgctl(id, op, a, b)    root only: PGC_* below
//   pgstat(id, &st)        a group's knobs and counters; id -1 is the
//                          caller's own group. Only root sees other groups.
//   getprocs(buf, n)       the processes the caller may see (its own group;
//                          root sees all), pids as the caller sees them
//   gethostname(buf, n)    the caller's group's hostname
//   freepages()            free physical pages in the whole machine
//
// Each returns -1 on any failure (bad id or argument, not root, no slot).
#ifndef PGROUP_H
#define PGROUP_H
#include "platform.h"

#define PGROOT        0
#define PGNAME        16          // name bytes with the NUL (PG_NAME_LEN)
#define PGHOSTNAME    32
#define PGROOTPATH    64

#define PG_NOLIMIT    (~0UL)      // u64 knobs: memory.max, cpu.max quota
#define PG_NOLIMIT32  0xffffffffU // u32 knobs: pids.max

#define PG_WEIGHT_DEFAULT 100
#define PG_WEIGHT_MIN     1
#define PG_WEIGHT_MAX     10000
#define PG_PERIOD_DEFAULT 100000  // cpu.max period, microseconds

// pgcreate's argument. Limits use PG_NOLIMIT / PG_NOLIMIT32 for "max".
struct pgspec {
  char name[PGNAME];          // letters, digits, '-', '_'; unique
  uint64 mem_max;             // bytes
  uint64 cpu_quota_us;        // cpu.max QUOTA (PG_NOLIMIT: no cap)
  uint64 cpu_period_us;       // cpu.max PERIOD
  uint cpu_weight;            // 1..10000
  uint pids_max;
  char root[PGROOTPATH];      // file-system root ("" or "/": the machine's)
  char hostname[PGHOSTNAME];  // "" : the group's name
};

// One group's state, as pgstat() returns it and as the telemetry page
// publishes it (platform.json, section telemetry, TMS_*: same layout).
struct pgstat {
  uint state;                 // PG_FREE, PG_RUNNING, PG_FROZEN
  uint console;               // UART unit
  char name[PGNAME];
  uint pids_current;
  uint pids_max;
  uint cpu_weight;
  uint cpu_percent;           // of one hart, over the last whole second
  uint64 mem_current;         // bytes
  uint64 mem_peak;
  uint64 mem_max;
  uint64 mem_events_max;      // allocations refused at memory.max
  uint64 cpu_usage_usec;
  uint64 cpu_quota_us;
  uint64 cpu_period_us;
  uint64 cpu_nr_throttled;
  uint64 pids_events_max;     // forks refused at pids.max
  uint64 reserved[2];
};

// pgctl operations.
#define PGC_MEMMAX    1   // a = bytes or PG_NOLIMIT
#define PGC_WEIGHT    2   // a = 1..10000
#define PGC_CPUMAX    3   // a = quota us or PG_NOLIMIT, b = period us
#define PGC_PIDSMAX   4   // a = count or PG_NOLIMIT32
#define PGC_FREEZE    5
#define PGC_THAW      6
#define PGC_KILL      7   // every process of the group
#define PGC_REMOVE    8   // only when the group has no process left

// One getprocs() entry.
struct procinfo {
  int pid;                    // as the caller sees it
  int pgroup;
  int state;                  // PS_* below
  uint mem_pages;             // pages of its address space, page tables,
                              // trapframe and kernel stack
  char name[16];
};

#define PS_USED      1
#define PS_SLEEPING  2
#define PS_RUNNABLE  3
#define PS_RUNNING   4
#define PS_ZOMBIE    5
#endif
