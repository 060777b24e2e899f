// pgroup set, freeze, thaw, kill and rm: changing a group.
#include "pg.h"

#define RM_TRIES 100   // rm -f waits this many ticks for the processes to end

int
cmd_set(int argc, char **argv)
{
  struct pgstat st;
  uint64 a = 0, b = 0;
  int op;
  if(argc < 4)
    die("set needs NAME KNOB VALUE");
  const char *knob = argv[2], *v = argv[3];
  int nvals = 1;
  if(strcmp(knob, "memory.max") == 0){
    op = PGC_MEMMAX;
    if(parse_mem(v, &a) < 0 || a == 0)
      die("memory.max: bad value '%s' (bytes, K or M, or max)", v);
  } else if(strcmp(knob, "cpu.weight") == 0){
    op = PGC_WEIGHT;
    a = num_arg(knob, v, PG_WEIGHT_MIN, PG_WEIGHT_MAX);
  } else if(strcmp(knob, "pids.max") == 0){
    op = PGC_PIDSMAX;
    a = strcmp(v, "max") == 0 ? PG_NOLIMIT32 : num_arg(knob, v, 1, PG_NOLIMIT32 - 1);
  } else if(strcmp(knob, "cpu.max") == 0){
    op = PGC_CPUMAX;
    // "QUOTA PERIOD", "max" or "max PERIOD"; max keeps the period.
    if(strcmp(v, "max") == 0)
      a = PG_NOLIMIT;
    else
      a = num_arg("cpu.max QUOTA", v, 1000, 1000000000);
    if(argc > 4){
      b = num_arg("cpu.max PERIOD", argv[4], 1000, 1000000);
      nvals = 2;
    } else if(a != PG_NOLIMIT)
      die("cpu.max needs QUOTA PERIOD, or max");
  } else {
    die("unknown knob '%s' (memory.max cpu.weight cpu.max pids.max)", knob);
  }
  if(argc != 3 + nvals)
    die("set %s: too many values", knob);
  int id = group_or_die(argv[1], &st);
  need_root();
  if(op == PGC_CPUMAX && nvals == 1)
    b = st.cpu_period_us;
  if(pgctl(id, op, a, b) < 0)
    die("the kernel refused to set %s of %s", knob, argv[1]);
  return 0;
}

// The root group holds init and the caller itself: it is never frozen,
// killed or removed.
static int
other_group(const char *name)
{
  struct pgstat st;
  int id = group_or_die(name, &st);
  need_root();
  if(id == PGROOT)
    die("the root group cannot be changed that way");
  return id;
}

int
cmd_ctl(int argc, char **argv)
{
  if(argc != 2)
    die("%s needs one NAME", argv[0]);
  int id = other_group(argv[1]);
  int op = strcmp(argv[0], "freeze") == 0 ? PGC_FREEZE :
           strcmp(argv[0], "thaw") == 0 ? PGC_THAW : PGC_KILL;
  if(pgctl(id, op, 0, 0) < 0)
    die("the kernel refused to %s %s", argv[0], argv[1]);
  return 0;
}

int
cmd_rm(int argc, char **argv)
{
  struct pgstat st;
  int force = argc == 3 && strcmp(argv[1], "-f") == 0;
  if(argc != 2 + force)
    die("usage: pgroup rm [-f] NAME");
  const char *name = argv[1 + force];
  int id = other_group(name);
  pgstat(id, &st);
  if(st.pids_current > 0 && !force)
    die("%s has %d processes (use -f)", name, st.pids_current);
  if(force && st.pids_current > 0){
    // Killed processes end at the user boundary, so a frozen group must
    // run again to get there; killing first means none runs user code.
    if(pgctl(id, PGC_KILL, 0, 0) < 0)
      die("the kernel refused to kill %s", name);
    pgctl(id, PGC_THAW, 0, 0);
  }
  for(int i = 0; i < RM_TRIES; i++){
    if(pgctl(id, PGC_REMOVE, 0, 0) == 0)
      return 0;
    if(!force)
      break;
    sleep(1);
  }
  if(pgstat(id, &st) == 0 && st.pids_current > 0)
    die("%s still has %d processes", name, st.pids_current);
  die("the kernel refused to remove %s", name);
}
