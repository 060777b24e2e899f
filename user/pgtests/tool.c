// The pgroup program as a user types it: its exit status, its one-line
// errors on stderr, and the groups it leaves in the kernel.
#include "pt.h"

#define OUT "/pgt.out"
#define ERR "/pgt.err"
#define NAME PREFIX "tool"

static char out[1024], err[256];

static void
slurp(const char *path, char *buf, int n)
{
  int fd = open(path, O_RDONLY);
  int len = fd < 0 ? 0 : read(fd, buf, n - 1);
  buf[len > 0 ? len : 0] = 0;
  close(fd);
  unlink(path);
}

// Runs pgroup with the arguments (up to a 0) and stdout and stderr in
// out[] and err[]; returns its exit status.
static int
pgroup(const char *a0, ...)
{
  char *argv[12];
  int argc = 0;
  va_list ap;
  argv[argc++] = "pgroup";
  va_start(ap, a0);
  for(const char *a = a0; a && argc < 11; a = va_arg(ap, const char *))
    argv[argc++] = (char *)a;
  va_end(ap);
  argv[argc] = 0;
  int pid = fork();
  if(pid < 0)
    fail("fork failed");
  if(pid == 0){
    close(1);
    close(2);
    if(open(OUT, O_CREATE | O_WRONLY | O_TRUNC) != 1 ||
       open(ERR, O_CREATE | O_WRONLY | O_TRUNC) != 2)
      exit(99);
    exec("/pgroup", argv);
    exit(98);
  }
  int st;
  if(wait(&st) != pid)
    fail("wait lost pgroup");
  slurp(OUT, out, sizeof(out));
  slurp(ERR, err, sizeof(err));
  return st;
}

// pgroup must fail with one "pgroup: " line on stderr and nothing else.
static void
refuses(const char *what, int st)
{
  char *nl = strchr(err, '\n');
  if(st != 1 || out[0] || strncmp(err, "pgroup: ", 8) != 0 || !nl || nl[1])
    fail("%s: status %d, stdout '%s', stderr '%s'", what, st, out, err);
}

static void
works(const char *what, int st)
{
  if(st != 0 || err[0])
    fail("%s: status %d, stderr '%s'", what, st, err);
}

// Does out[] have the line "key value"?
static int
has_line(const char *line)
{
  int n = strlen(line);
  for(char *p = out; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : 0)
    if(strncmp(p, line, n) == 0 && p[n] == '\n')
      return 1;
  return 0;
}

static int
lookup(struct pgstat *st)
{
  for(int id = 1; id < PG_MAX; id++)
    if(pgstat(id, st) == 0 && st->state != PG_FREE && strcmp(st->name, NAME) == 0)
      return id;
  return -1;
}

static int
lookup_or_fail(struct pgstat *st)
{
  int id = lookup(st);
  if(id < 0)
    fail("pgroup left no group %s", NAME);
  return id;
}

// Every wrong argument is refused before anything is created.
static void
toolargs(void)
{
  struct pgstat st;
  refuses("no such command", pgroup("frobnicate", 0));
  refuses("bad name", pgroup("create", "a/b", 0));
  refuses("name too long", pgroup("create", "pgt-abcdefghijkl", 0));
  refuses("bad memory", pgroup("create", NAME, "-m", "12Q", 0));
  refuses("zero weight", pgroup("create", NAME, "-c", "0", 0));
  refuses("weight too big", pgroup("create", NAME, "-c", "10001", 0));
  refuses("quota without period", pgroup("create", NAME, "-q", "20000", 0));
  refuses("no such root", pgroup("create", NAME, "-r", "/pgt-nosuchdir", 0));
  refuses("unknown option", pgroup("create", NAME, "-x", 0));
  refuses("stat of no group", pgroup("stat", PREFIX "nosuch", 0));
  refuses("rm of no group", pgroup("rm", PREFIX "nosuch", 0));
  if(lookup(&st) >= 0)
    fail("a refused create left a group");
  if(pgroup(0) != 1 || strncmp(out, "usage: pgroup", 13) != 0)
    fail("pgroup without arguments did not print its usage");
}

static int
contains(const char *s, const char *part)
{
  int n = strlen(part);
  for(; *s; s++)
    if(strncmp(s, part, n) == 0)
      return 1;
  return 0;
}

static void
state_is(int id, int state, const char *what)
{
  struct pgstat st;
  getstat(id, &st);
  if(st.state != state)
    fail("state %d after %s", st.state, what);
}

// create, stat, set, freeze, thaw, ls and run do what they say.
static void
toolcreate(void)
{
  struct pgstat st;
  static const char *lines[] = {
    "memory.max 262144", "memory.events.max 0", "cpu.weight 300",
    "cpu.max max 100000", "cpu.stat.nr_throttled 0", "pids.current 1",
    "pids.max 4", "pids.events.max 0", "cgroup.freeze 0",
  };
  static const char *keys[] = { "memory.current ", "memory.peak ", "cpu.stat.usage_usec " };
  works("create", pgroup("create", NAME, "-m", "256K", "-c", "300", "-p", "4", 0));
  int id = lookup_or_fail(&st);
  if(atoi(out) != id || out[0] < '0' || out[0] > '9')
    fail("create printed '%s' for group %d", out, id);
  if(st.mem_max != 262144 || st.cpu_weight != 300 || st.pids_max != 4)
    fail("create's options did not take");
  wait_pids(id, 1);
  refuses("duplicate", pgroup("create", NAME, 0));

  works("stat", pgroup("stat", NAME, 0));
  for(int i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
    if(!has_line(lines[i]))
      fail("stat has no line '%s'", lines[i]);
  for(int i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
    if(!contains(out, keys[i]))
      fail("stat has no %s", keys[i]);

  works("set pids.max", pgroup("set", NAME, "pids.max", "max", 0));
  works("set memory.max", pgroup("set", NAME, "memory.max", "1M", 0));
  works("set cpu.max", pgroup("set", NAME, "cpu.max", "20000", "50000", 0));
  works("set cpu.weight", pgroup("set", NAME, "cpu.weight", "50", 0));
  getstat(id, &st);
  if(st.pids_max != PG_NOLIMIT32 || st.mem_max != 1024 * 1024 || st.cpu_weight != 50 ||
     st.cpu_quota_us != 20000 || st.cpu_period_us != 50000)
    fail("set did not take");
  works("set cpu.max max", pgroup("set", NAME, "cpu.max", "max", 0));
  getstat(id, &st);
  if(st.cpu_quota_us != PG_NOLIMIT || st.cpu_period_us != 50000)
    fail("set cpu.max max: quota %lu period %lu", st.cpu_quota_us, st.cpu_period_us);
  refuses("unknown knob", pgroup("set", NAME, "cpu.foo", "1", 0));
  refuses("bad weight", pgroup("set", NAME, "cpu.weight", "0", 0));

  works("freeze", pgroup("freeze", NAME, 0));
  state_is(id, PG_FROZEN, "pgroup freeze");
  works("stat", pgroup("stat", NAME, 0));
  if(!has_line("cgroup.freeze 1"))
    fail("stat of a frozen group: no 'cgroup.freeze 1'");
  works("thaw", pgroup("thaw", NAME, 0));
  state_is(id, PG_RUNNING, "pgroup thaw");

  works("ls", pgroup("ls", 0));
  if(strncmp(out, "ID", 2) != 0 || !contains(out, NAME) || !contains(out, "uart"))
    fail("ls printed '%s'", out);

  works("run", pgroup("run", NAME, "/echo", "hi", 0));
  if(atoi(out) < 2)
    fail("run printed '%s', not the in-group pid", out);
  rmgroup(id);
}

// rm refuses a group with processes; kill empties it; rm -f does both,
// frozen or not.
static void
toolrm(void)
{
  struct pgstat st;
  works("create", pgroup("create", NAME, 0));
  int id = lookup_or_fail(&st);
  wait_pids(id, 1);
  if(pgroup("rm", NAME, 0) != 1 || strncmp(err, "pgroup: " NAME " has 1 processes (use -f)\n", 64))
    fail("rm of a busy group: '%s'", err);
  lookup_or_fail(&st);
  works("kill", pgroup("kill", NAME, 0));
  if(wait_empty(id, 100) < 0)
    fail("processes left after pgroup kill");
  works("rm", pgroup("rm", NAME, 0));
  if(lookup(&st) >= 0)
    fail("the group is still there after rm");

  works("create", pgroup("create", NAME, 0));
  id = lookup_or_fail(&st);
  wait_pids(id, 1);
  works("freeze", pgroup("freeze", NAME, 0));
  works("rm -f", pgroup("rm", "-f", NAME, 0));
  if(lookup(&st) >= 0)
    fail("the group is still there after rm -f");
}

struct test tool_tests[] = {
  { toolargs, "toolargs" },
  { toolcreate, "toolcreate" },
  { toolrm, "toolrm" },
  { 0, 0 },
};
