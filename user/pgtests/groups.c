// Groups as objects: create, stat, change, remove, argument errors, the
// slot limit, kill, rm of a busy group and create/rm many times.
#include "pt.h"

static void
sleep_forever(void)
{
  for(;;)
    sleep(100);
}

// A new group has the spec's knobs, is empty, and pgctl changes each knob
// at once; after removal its name can be used again.
static void
basics(void)
{
  struct pgspec s;
  struct pgstat st;
  spec_init(&s, "basic");
  s.mem_max = 1024 * 1024;
  s.cpu_weight = 200;
  s.pids_max = 5;
  s.cpu_quota_us = 50000;
  s.cpu_period_us = 200000;
  int id = newgroup(&s);
  getstat(id, &st);
  if(strcmp(st.name, s.name) != 0 || st.state != PG_RUNNING)
    fail("group %d: name '%s' state %d", id, st.name, st.state);
  if(st.mem_max != s.mem_max || st.cpu_weight != 200 || st.pids_max != 5 ||
     st.cpu_quota_us != 50000 || st.cpu_period_us != 200000)
    fail("knobs differ from the spec");
  if(st.pids_current != 0 || st.mem_current != 0 || st.cpu_usage_usec != 0)
    fail("a new group is not empty");
  if(st.console != id && st.console != 0)
    fail("group %d has console uart%d", id, st.console);

  int id2 = mkgroup("basic2");
  struct pgstat st2;
  getstat(id2, &st2);
  if(id2 == id || (st2.console == st.console && st.console != 0))
    fail("two groups share id %d or console uart%d", id2, st2.console);

  if(pgstat(-1, &st2) != 0 || pgstat(PGROOT, &st2) < 0 || st2.state != PG_RUNNING)
    fail("the root group cannot see itself as group 0");

  if(pgctl(id, PGC_MEMMAX, 2 * 1024 * 1024, 0) < 0 ||
     pgctl(id, PGC_WEIGHT, 300, 0) < 0 ||
     pgctl(id, PGC_CPUMAX, PG_NOLIMIT, 100000) < 0 ||
     pgctl(id, PGC_PIDSMAX, PG_NOLIMIT32, 0) < 0)
    fail("pgctl refused a knob");
  getstat(id, &st);
  if(st.mem_max != 2 * 1024 * 1024 || st.cpu_weight != 300 ||
     st.cpu_quota_us != PG_NOLIMIT || st.cpu_period_us != 100000 ||
     st.pids_max != PG_NOLIMIT32)
    fail("knobs set by pgctl did not take");

  if(pgctl(id, PGC_REMOVE, 0, 0) < 0 || pgctl(id2, PGC_REMOVE, 0, 0) < 0)
    fail("cannot remove an empty group");
  if(pgstat(id, &st) == 0 && st.state != PG_FREE)
    fail("group %d is still there after removal", id);
  if(pgctl(id, PGC_REMOVE, 0, 0) != -1)
    fail("a removed group was removed twice");
  id = newgroup(&s);
  if(pgctl(id, PGC_REMOVE, 0, 0) < 0)
    fail("cannot remove a group created again with the same name");
}

// Creating a group the kernel must refuse; removes it if it did not.
static void
refused(struct pgspec *s, const char *why)
{
  char name[PGNAME];
  int id = pgcreate(s);
  if(id >= 0){
    pgctl(id, PGC_REMOVE, 0, 0);
    memmove(name, s->name, PGNAME - 1);
    name[PGNAME - 1] = 0;
    fail("pgcreate accepted %s (name '%s')", why, name);
  }
}

static void
badargs(void)
{
  struct pgspec s;
  static const char *names[] = { "", "abcdefghijklmno", "a b", "a/b", "a.b", "a\n" };
  for(int i = 0; i < sizeof(names) / sizeof(names[0]); i++){
    spec_init(&s, "");
    strcpy(s.name, names[i]);
    if(i == 1)
      memmove(s.name, "pgt-abcdefghijkl", PGNAME);   // 16 characters, no NUL
    refused(&s, "a bad name");
  }
  spec_init(&s, "abcdefghijk");                     // 15 characters: fine
  if(pgctl(newgroup(&s), PGC_REMOVE, 0, 0) < 0)
    fail("cannot remove a group");
  spec_init(&s, "w");
  s.cpu_weight = 0;
  refused(&s, "cpu.weight 0");
  s.cpu_weight = PG_WEIGHT_MAX + 1;
  refused(&s, "cpu.weight 10001");

  int id = mkgroup("dup");
  spec_init(&s, "dup");
  refused(&s, "a duplicate name");
  if(pgctl(PG_MAX, PGC_WEIGHT, 100, 0) != -1 || pgctl(-1, PGC_WEIGHT, 100, 0) != -1 ||
     pgstat(PG_MAX, &(struct pgstat){0}) != -1)
    fail("a group id out of range was accepted");
  if(pgctl(id, 99, 0, 0) != -1 || pgctl(id, PGC_WEIGHT, 0, 0) != -1 ||
     pgctl(id, PGC_WEIGHT, PG_WEIGHT_MAX + 1, 0) != -1)
    fail("a bad pgctl operation or weight was accepted");
  if(pgctl(PGROOT, PGC_REMOVE, 0, 0) != -1)
    fail("the root group was removed");
  if(pgctl(id, PGC_REMOVE, 0, 0) < 0)
    fail("cannot remove group %d", id);
  if(pgfork(id) != -1)
    fail("pgfork into a removed group worked");
}

// All PG_MAX-1 slots can be used; one more group is refused; freeing one
// slot makes room again.
static void
slots(void)
{
  struct pgspec s;
  struct pgstat st;
  int ids[PG_MAX], n = 0;
  char name[4] = "s0";
  for(int id = 1; id < PG_MAX; id++){
    if(pgstat(id, &st) == 0 && st.state != PG_FREE)
      continue;
    name[1] = '0' + id;
    spec_init(&s, name);
    ids[n++] = newgroup(&s);
  }
  spec_init(&s, "extra");
  refused(&s, "a group beyond the last slot");
  if(n > 0){
    if(pgctl(ids[--n], PGC_REMOVE, 0, 0) < 0)
      fail("cannot remove a group");
    ids[n++] = newgroup(&s);
  }
  for(int i = 0; i < n; i++)
    if(pgctl(ids[i], PGC_REMOVE, 0, 0) < 0)
      fail("cannot remove group %d", ids[i]);
}

// A group with a process in it cannot be removed; once empty it can.
static void
rmbusy(void)
{
  struct pgstat st;
  int id = mkgroup("rmbusy");
  int pid = ingroup(id, sleep_until_stop);
  if(pgctl(id, PGC_REMOVE, 0, 0) != -1)
    fail("a group with a process in it was removed");
  getstat(id, &st);
  if(st.state != PG_RUNNING || st.pids_current != 1)
    fail("after the refused removal: state %d, %d processes", st.state, st.pids_current);
  touch(STOPFILE);
  expect_done(id, pid, "sleeper");
  unlink(STOPFILE);
  if(wait_empty(id, 50) < 0 || pgctl(id, PGC_REMOVE, 0, 0) < 0)
    fail("cannot remove the group after its process ended");
}

static void
three_spinners(void)
{
  for(int i = 0; i < 2; i++)
    if(fork() == 0)
      for(;;)
        ;
  sleep_forever();
}

// PGC_KILL ends every process of the group: sleeping and running ones.
static void
killall(void)
{
  int id = mkgroup("kill");
  ingroup(id, three_spinners);
  wait_pids(id, 3);
  if(pgctl(id, PGC_KILL, 0, 0) < 0)
    fail("pgctl kill failed");
  if(wait_empty(id, 100) < 0)
    fail("processes are left 10 s after kill");
  if(pgctl(id, PGC_REMOVE, 0, 0) < 0)
    fail("cannot remove the killed group");
}

static void
one_round(void)
{
  int id = mkgroup("loop");
  ingroup(id, sleep_forever);
  rmgroup(id);
}

// Create, use, kill and remove many times: it always works and every page
// comes back.
static void
createloop(void)
{
  int n = quick ? 20 : 200;
  one_round();   // whatever is allocated once and kept
  uint64 before = freepages();
  for(int i = 0; i < n; i++)
    one_round();
  uint64 after = freepages();
  if(before != after)
    fail("%lu free pages before %d rounds, %lu after", before, n, after);
  printf("createloop: %d rounds, %lu free pages before and after ", n, before);
}

struct test group_tests[] = {
  { basics, "basics" },
  { badargs, "badargs" },
  { slots, "slots" },
  { rmbusy, "rmbusy" },
  { killall, "kill" },
  { createloop, "createloop" },
  { 0, 0 },
};
