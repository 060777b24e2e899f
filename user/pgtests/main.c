// pgtests [-q] [NAME]: tests the pgroups of kernel/pgroup.h from the root
// group, each test in its own process, and ends with "ALL PGTESTS PASSED",
// or with a FAILED line and reason per failure, a count and exit status 1.
// -q runs fewer rounds and shorter measurements. Between
// tests every group named PREFIX... is killed and removed, so a failed test
// leaves nothing behind.
#include "pt.h"

const char *testname = "?";
int quick;
const char *groot = "";
int linger;
static int in_group;    // set in processes started by ingroup()
static int cur_group;   // the group ingroup() started the process in

static struct test *tables[] = {
  group_tests, ns_tests, limit_tests, cpu_tests, tool_tests,
};

static void
vnote(const char *fmt, va_list ap)
{
  if(exists(FAILFILE))
    return;
  int fd = open(FAILFILE, O_CREATE | O_WRONLY | O_TRUNC);
  vfprintf(fd, fmt, ap);
  close(fd);
}

void
note(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vnote(fmt, ap);
  va_end(ap);
}

void
fail(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  if(in_group){
    vnote(fmt, ap);
  } else {
    printf("FAILED %s: ", testname);
    vfprintf(1, fmt, ap);
    printf("\n");
  }
  va_end(ap);
  exit(1);
}

void
spec_init(struct pgspec *s, const char *name)
{
  memset(s, 0, sizeof(*s));
  strcpy(s->name, PREFIX);
  strcpy(s->name + strlen(PREFIX), name);
  s->mem_max = PG_NOLIMIT;
  s->cpu_quota_us = PG_NOLIMIT;
  s->cpu_period_us = PG_PERIOD_DEFAULT;
  s->cpu_weight = PG_WEIGHT_DEFAULT;
  s->pids_max = PG_NOLIMIT32;
}

int
newgroup(struct pgspec *s)
{
  int id = pgcreate(s);
  if(id <= 0 || id >= PG_MAX)
    fail("pgcreate(%s) returned %d", s->name, id);
  return id;
}

int
mkgroup(const char *name)
{
  struct pgspec s;
  spec_init(&s, name);
  return newgroup(&s);
}

void
getstat(int id, struct pgstat *st)
{
  if(pgstat(id, st) < 0)
    fail("pgstat(%d) failed", id);
}

// The file in which process pid of group id says it is done, as the root
// group names it (under groot) or, with inside set, as the process does.
static char *
donefile(char *buf, int id, int pid, int inside)
{
  char *p = buf;
  if(!inside){
    strcpy(p, groot);
    p += strlen(p);
  }
  strcpy(p, "/pgt.d");
  p += strlen(p);
  *p++ = '0' + id;
  *p++ = '-';
  if(pid >= 10)
    *p++ = '0' + pid / 10 % 10;
  *p++ = '0' + pid % 10;
  *p = 0;
  return buf;
}

int
ingroup(int id, void (*fn)(void))
{
  char path[PGROOTPATH + 16];
  cur_group = id;
  int pid = pgfork(id);
  if(pid < 0)
    fail("pgfork(%d) failed", id);
  if(pid == 0){
    in_group = 1;
    fn();
    touch(donefile(path, cur_group, getpid(), 1));
    if(linger)
      sleep(linger);
    exit(0);
  }
  return pid;
}

// The reason a group process left, or 0.
static char *
reason(void)
{
  static char why[100];
  char path[PGROOTPATH + 16];
  strcpy(path, groot);
  strcpy(path + strlen(path), FAILFILE);
  int fd = open(path, O_RDONLY);
  int len = fd < 0 ? 0 : read(fd, why, sizeof(why) - 1);
  close(fd);
  why[len > 0 ? len : 0] = 0;
  return len > 0 ? why : 0;
}

void
expect_done(int id, int pid, const char *what)
{
  char path[PGROOTPATH + 16];
  struct pgstat st;
  donefile(path, id, pid, 0);
  for(int t = 0; t < 60 * TICK_HZ; t++){
    // Seen empty before the file is looked for: a process that reported
    // and exited in between is not taken for a killed one.
    // A reason counts only once the group is empty: a process writes one
    // before a step that must fail, and takes it back when it does.
    int gone = pgstat(id, &st) < 0 || st.pids_current == 0;
    if(exists(path)){
      unlink(path);
      return;
    }
    if(gone && reason())
      fail("%s: %s", what, reason());
    if(gone)
      fail("%s: the process ended without a report (killed?)", what);
    sleep(1);
  }
  fail("%s: no report in 60 s", what);
}

void
run_in(int id, void (*fn)(void), const char *what)
{
  expect_done(id, ingroup(id, fn), what);
  // The report comes before the exit, and the pages and slot stay the
  // group's until init has reaped the process: on a slow exit (every page
  // compiled on first use under --jit eager) the group is not empty yet.
  if(wait_empty(id, 100) < 0)
    fail("%s: the group still has a process 10 s after the report", what);
}

void
wait_pids(int id, int n)
{
  struct pgstat st;
  for(int t = 0; t < 50; t++){
    getstat(id, &st);
    if(st.pids_current == n)
      return;
    sleep(1);
  }
  fail("group %d has %d processes, expected %d", id, st.pids_current, n);
}

int
wait_empty(int id, int ticks)
{
  struct pgstat st;
  for(int t = 0; t < ticks; t++){
    if(pgstat(id, &st) < 0 || st.pids_current == 0)
      return 0;
    sleep(1);
  }
  return -1;
}

void
rmgroup(int id)
{
  // Killed processes die on their way back to user space: a frozen group
  // has to run to get there.
  if(pgctl(id, PGC_KILL, 0, 0) < 0 || pgctl(id, PGC_THAW, 0, 0) < 0)
    fail("pgctl(%d) kill/thaw failed", id);
  if(wait_empty(id, 100) < 0)
    fail("group %d still has processes 10 s after kill", id);
  if(pgctl(id, PGC_REMOVE, 0, 0) < 0)
    fail("cannot remove the empty group %d", id);
}

int
exists(const char *path)
{
  int fd = open(path, O_RDONLY);
  if(fd < 0)
    return 0;
  close(fd);
  return 1;
}

void
touch(const char *path)
{
  int fd = open(path, O_CREATE | O_WRONLY);
  if(fd < 0)
    fail("cannot create %s", path);
  close(fd);
}

int
wait_file(const char *path, int ticks)
{
  for(int t = 0; t < ticks; t++){
    if(exists(path))
      return 0;
    sleep(1);
  }
  return exists(path) ? 0 : -1;
}

void
sleep_until_stop(void)
{
  while(!exists(STOPFILE))
    sleep(1);
}


// Kills and removes every test group; returns how many there were.
static int
cleanup(void)
{
  struct pgstat st;
  int n = 0;
  for(int id = 1; id < PG_MAX; id++){
    if(pgstat(id, &st) < 0 || st.state == PG_FREE ||
       strncmp(st.name, PREFIX, strlen(PREFIX)) != 0)
      continue;
    n++;
    pgctl(id, PGC_KILL, 0, 0);
    pgctl(id, PGC_THAW, 0, 0);
    if(wait_empty(id, 100) < 0 || pgctl(id, PGC_REMOVE, 0, 0) < 0)
      printf("pgtests: cannot remove the test group %s\n", st.name);
  }
  unlink(FAILFILE);
  unlink(STOPFILE);
  unlink(READYFILE);
  // Reports nobody collected, from a failed test.
  char path[32];
  for(int id = 1; id < PG_MAX; id++)
    for(int pid = 1; pid < 10; pid++)
      unlink(donefile(path, id, pid, 1));
  groot = "";
  return n;
}

// Runs t in a child process, then removes what it left. Returns 1 when
// it passed.
static int
passes(struct test *t)
{
  int st = -1;
  printf("test %s: ", t->name);
  int pid = fork();
  if(pid == 0){
    testname = t->name;
    t->fn();
    exit(0);
  }
  if(pid < 0 || wait(&st) != pid)
    printf("FAILED %s: pgtests could not run it\n", t->name);
  else if(st != 0)
    printf("FAILED %s (status %d)\n", t->name, st);
  int left = cleanup();
  if(st == 0 && left > 0)
    printf("FAILED %s: left %d groups behind\n", t->name, left);
  else if(st == 0)
    printf("OK\n");
  return st == 0 && left == 0;
}

static int
usage(void)
{
  fprintf(2, "usage: pgtests [-q] [testname]\n");
  return 1;
}

int
main(int argc, char **argv)
{
  const char *only = 0;
  struct pgstat st;
  for(int i = 1; i < argc; i++){
    if(strcmp(argv[i], "-q") == 0)
      quick = 1;
    else if(argv[i][0] == '-' || only)
      return usage();
    else
      only = argv[i];
  }
  if(pgstat(-1, &st) != 0 || pgstat(PGROOT, &st) < 0){
    fprintf(2, "pgtests: run me in the root group\n");
    return 1;
  }

  printf("pgtests starting\n");
  cleanup();
  int run = 0, failed = 0;
  for(int i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
    for(struct test *t = tables[i]; t->fn; t++)
      if(!only || strcmp(only, t->name) == 0){
        run++;
        failed += !passes(t);
      }
  if(run == 0){
    printf("pgtests: no test named %s\n", only);
    return 1;
  }
  if(failed){
    printf("FAILED %d of %d pgtests\n", failed, run);
    return 1;
  }
  printf("ALL PGTESTS PASSED\n");
  return 0;
}
