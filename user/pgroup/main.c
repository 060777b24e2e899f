// pgroup: creates, runs in, shows, changes and removes pgroups (the
// containers of kernel/pgroup.h), with Docker's words:
//
//   pgroup create NAME [-m MEMORY] [-c WEIGHT] [-q QUOTA PERIOD] [-p PIDS]
//                      [-r ROOTDIR] [-h HOSTNAME]
//   pgroup run NAME PROG [ARGS...]
//   pgroup ls | stat NAME | set NAME KNOB VALUE
//   pgroup freeze|thaw|kill NAME | rm [-f] NAME
//
// The kernel answers -1 to every failure, so the arguments are checked here
// first to say what is wrong. Every error is one line on stderr and exit 1.
#include "pg.h"

static const char usage[] =
  "usage: pgroup create NAME [-m MEMORY] [-c WEIGHT] [-q QUOTA PERIOD] [-p PIDS]\n"
  "                         [-r ROOTDIR] [-h HOSTNAME]\n"
  "       pgroup run NAME PROG [ARGS...]\n"
  "       pgroup ls\n"
  "       pgroup stat NAME\n"
  "       pgroup set NAME memory.max|cpu.weight|cpu.max|pids.max VALUE\n"
  "       pgroup freeze|thaw|kill NAME\n"
  "       pgroup rm [-f] NAME\n"
  "MEMORY is bytes with an optional K or M suffix; 'max' means no limit.\n";

static struct {
  const char *name;
  int (*fn)(int, char **);
} cmds[] = {
  { "create", cmd_create }, { "run", cmd_run }, { "ls", cmd_ls },
  { "stat", cmd_stat }, { "set", cmd_set }, { "freeze", cmd_ctl },
  { "thaw", cmd_ctl }, { "kill", cmd_ctl }, { "rm", cmd_rm },
};

void
die(const char *fmt, ...)
{
  // Prefix and newline go into the format, so the line is one write.
  char f[128];
  if(strlen(fmt) + 10 > sizeof(f))
    fmt = "(message too long)";
  strcpy(f, "pgroup: ");
  strcpy(f + strlen(f), fmt);
  strcpy(f + strlen(f), "\n");
  va_list ap;
  va_start(ap, fmt);
  vfprintf(2, f, ap);
  va_end(ap);
  exit(1);
}

void
need_root(void)
{
  struct pgstat st;
  // pgstat(-1) answers with the caller's own group; only root's id is 0,
  // and only root may look at group 0 by its id.
  if(pgstat(-1, &st) != 0 || pgstat(PGROOT, &st) < 0)
    die("only the root group may do this");
}

int
parse_num(const char *s, uint64 *v)
{
  uint64 x = 0;
  if(*s == 0)
    return -1;
  for(; *s; s++){
    if(*s < '0' || *s > '9')
      return -1;
    if(x > (PG_NOLIMIT - 9) / 10)
      return -1;
    x = x * 10 + (*s - '0');
  }
  *v = x;
  return 0;
}

uint64
num_arg(const char *what, const char *s, uint64 lo, uint64 hi)
{
  uint64 v;
  if(parse_num(s, &v) < 0 || v < lo || v > hi)
    die("%s: bad value '%s' (%lu to %lu)", what, s, lo, hi);
  return v;
}

int
parse_mem(const char *s, uint64 *v)
{
  char digits[24];
  int n = strlen(s);
  uint64 unit = 1;
  if(strcmp(s, "max") == 0){
    *v = PG_NOLIMIT;
    return 0;
  }
  if(n == 0 || n >= sizeof(digits))
    return -1;
  strcpy(digits, s);
  char c = digits[n - 1];
  if(c == 'K' || c == 'k')
    unit = 1024;
  else if(c == 'M' || c == 'm')
    unit = 1024 * 1024;
  if(unit != 1)
    digits[n - 1] = 0;
  uint64 x;
  if(parse_num(digits, &x) < 0 || x > (PG_NOLIMIT - 1) / unit)
    return -1;
  *v = x * unit;
  return 0;
}

int
valid_name(const char *s)
{
  int n = strlen(s);
  if(n < 1 || n >= PGNAME)
    return 0;
  for(; *s; s++){
    char c = *s;
    if(!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return 0;
  }
  return 1;
}

int
find_group(const char *name, struct pgstat *st)
{
  for(int id = 0; id < PG_MAX; id++){
    if(pgstat(id, st) < 0 || st->state == PG_FREE)
      continue;
    if(strcmp(st->name, name) == 0)
      return id;
  }
  return -1;
}

int
group_or_die(const char *name, struct pgstat *st)
{
  if(!valid_name(name))
    die("bad group name '%s' (1 to %d letters, digits, - or _)", name, PGNAME - 1);
  int id = find_group(name, st);
  if(id < 0)
    die("no group %s", name);
  return id;
}

int
main(int argc, char **argv)
{
  if(argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0){
    printf("%s", usage);
    return argc < 2;
  }
  for(int i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
    if(strcmp(argv[1], cmds[i].name) == 0)
      return cmds[i].fn(argc - 1, argv + 1);
  die("unknown command '%s' (pgroup help lists them)", argv[1]);
}
