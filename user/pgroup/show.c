// pgroup ls and pgroup stat: a group's state, as a table or as
// cgroup-style "key value" lines.
#include "pg.h"

// Appends s to buf, padded with spaces to width.
static void
cell(char *buf, const char *s, int width)
{
  int n = strlen(buf);
  strcpy(buf + n, s);
  n += strlen(s);
  while(width-- > (int)strlen(s))
    buf[n++] = ' ';
  buf[n] = 0;
}

// Decimal digits of x into buf.
static char *
num(char *buf, uint64 x)
{
  char tmp[24];
  int i = 0, n = 0;
  do {
    tmp[i++] = '0' + x % 10;
    x /= 10;
  } while(x);
  while(i > 0)
    buf[n++] = tmp[--i];
  buf[n] = 0;
  return buf;
}

// Bytes in human units: 512B, 256K, 1.2M, 12M (truncated, one decimal
// below 10 units), or "max".
static char *
human(char *buf, uint64 x)
{
  static const char units[] = "BKMG";
  uint64 unit = 1;
  int u = 0;
  if(x == PG_NOLIMIT)
    return strcpy(buf, "max");
  while(u < 3 && x >= unit * 1024){
    unit *= 1024;
    u++;
  }
  num(buf, x / unit);
  int n = strlen(buf);
  uint64 tenths = (x % unit) * 10 / unit;
  if(u > 0 && x / unit < 10 && tenths > 0){
    buf[n++] = '.';
    buf[n++] = '0' + tenths;
  }
  buf[n++] = units[u];
  buf[n] = 0;
  return buf;
}

// "current/max" for ls.
static char *
ratio(char *buf, const char *cur, const char *max)
{
  strcpy(buf, cur);
  strcpy(buf + strlen(buf), "/");
  strcpy(buf + strlen(buf), max);
  return buf;
}

static void
ls_line(int id, struct pgstat *st)
{
  char line[128] = "", a[24], b[24], c[48];
  cell(line, num(a, id), 4);
  cell(line, st->name, PGNAME);
  cell(line, st->state == PG_FROZEN ? "frozen" : "running", 9);
  cell(line, ratio(c, num(a, st->pids_current),
                   st->pids_max == PG_NOLIMIT32 ? "max" : num(b, st->pids_max)), 10);
  cell(line, ratio(c, human(a, st->mem_current), human(b, st->mem_max)), 14);
  cell(line, num(a, st->cpu_weight), 7);
  num(a, st->cpu_percent);
  strcpy(a + strlen(a), "%");
  cell(line, a, 6);
  cell(line, "uart", 0);
  cell(line, num(a, st->console), 0);
  printf("%s\n", line);
}

int
cmd_ls(int argc, char **argv)
{
  struct pgstat st;
  if(argc != 1)
    die("ls takes no arguments");
  printf("ID  NAME            STATE    PIDS      MEMORY        WEIGHT CPU   CONSOLE\n");
  int shown = 0;
  for(int id = 0; id < PG_MAX; id++){
    if(pgstat(id, &st) < 0 || st.state == PG_FREE)
      continue;
    ls_line(id, &st);
    shown++;
  }
  // Inside a group the ids of others are hidden; show at least our own.
  int own = pgstat(-1, &st);
  if(shown == 0 && own >= 0)
    ls_line(own, &st);
  return 0;
}

static void
kv(const char *key, const char *val)
{
  printf("%s %s\n", key, val);
}

int
cmd_stat(int argc, char **argv)
{
  struct pgstat st;
  char a[24], b[48];
  if(argc != 2)
    die("stat needs one NAME");
  group_or_die(argv[1], &st);
  kv("memory.current", num(a, st.mem_current));
  kv("memory.peak", num(a, st.mem_peak));
  kv("memory.max", st.mem_max == PG_NOLIMIT ? "max" : num(a, st.mem_max));
  kv("memory.events.max", num(a, st.mem_events_max));
  kv("cpu.weight", num(a, st.cpu_weight));
  strcpy(b, st.cpu_quota_us == PG_NOLIMIT ? "max" : num(a, st.cpu_quota_us));
  strcpy(b + strlen(b), " ");
  strcpy(b + strlen(b), num(a, st.cpu_period_us));
  kv("cpu.max", b);
  kv("cpu.stat.usage_usec", num(a, st.cpu_usage_usec));
  kv("cpu.stat.nr_throttled", num(a, st.cpu_nr_throttled));
  kv("pids.current", num(a, st.pids_current));
  kv("pids.max", st.pids_max == PG_NOLIMIT32 ? "max" : num(a, st.pids_max));
  kv("pids.events.max", num(a, st.pids_events_max));
  kv("cgroup.freeze", st.state == PG_FROZEN ? "1" : "0");
  return 0;
}
