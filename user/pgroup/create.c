// pgroup create and pgroup run: starting processes in a group.
#include "pg.h"
#include "kernel/param.h"   // MAXARG

// The value after option argv[*i], or exit saying it is missing.
static const char *
optval(int argc, char **argv, int *i)
{
  if(*i + 1 >= argc)
    die("%s needs a value", argv[*i]);
  return argv[++*i];
}

// A hostname: 1..PGHOSTNAME-1 letters, digits, '-', '_' or '.'.
static int
valid_hostname(const char *s)
{
  int n = strlen(s);
  if(n < 1 || n >= PGHOSTNAME)
    return 0;
  for(; *s; s++)
    if(!(strchr("-_.", *s) || (*s >= 'a' && *s <= 'z') ||
         (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
      return 0;
  return 1;
}

// The group's root must be an existing directory holding the shell that
// becomes the group's first process.
static void
check_root(const char *dir)
{
  struct stat st;
  char sh[PGROOTPATH + 4];
  if(dir[0] != '/' || strlen(dir) >= PGROOTPATH)
    die("-r: '%s' is not an absolute path under %d characters", dir, PGROOTPATH);
  if(stat(dir, &st) < 0 || st.type != T_DIR)
    die("-r: %s is not a directory", dir);
  strcpy(sh, dir);
  strcpy(sh + strlen(sh), "/sh");
  if(strcmp(dir, "/") != 0 && (stat(sh, &st) < 0 || st.type != T_FILE))
    die("-r: %s has no sh to start the group with", dir);
}

static void
parse_create(int argc, char **argv, struct pgspec *sp)
{
  memset(sp, 0, sizeof(*sp));
  sp->mem_max = PG_NOLIMIT;
  sp->cpu_quota_us = PG_NOLIMIT;
  sp->cpu_period_us = PG_PERIOD_DEFAULT;
  sp->cpu_weight = PG_WEIGHT_DEFAULT;
  sp->pids_max = PG_NOLIMIT32;
  if(argc < 2)
    die("create needs a NAME");
  if(!valid_name(argv[1]))
    die("bad group name '%s' (1 to %d letters, digits, - or _)", argv[1], PGNAME - 1);
  strcpy(sp->name, argv[1]);
  for(int i = 2; i < argc; i++){
    const char *o = argv[i], *v;
    if(strcmp(o, "-m") == 0){
      v = optval(argc, argv, &i);
      if(parse_mem(v, &sp->mem_max) < 0 || sp->mem_max == 0)
        die("-m: bad memory size '%s' (bytes, K or M)", v);
    } else if(strcmp(o, "-c") == 0){
      sp->cpu_weight = num_arg(o, optval(argc, argv, &i), PG_WEIGHT_MIN, PG_WEIGHT_MAX);
    } else if(strcmp(o, "-q") == 0){
      sp->cpu_quota_us = num_arg("-q QUOTA", optval(argc, argv, &i), 1000, 1000000000);
      sp->cpu_period_us = num_arg("-q PERIOD", optval(argc, argv, &i), 1000, 1000000);
    } else if(strcmp(o, "-p") == 0){
      sp->pids_max = num_arg(o, optval(argc, argv, &i), 1, PG_NOLIMIT32 - 1);
    } else if(strcmp(o, "-r") == 0){
      v = optval(argc, argv, &i);
      check_root(v);
      strcpy(sp->root, v);
    } else if(strcmp(o, "-h") == 0){
      v = optval(argc, argv, &i);
      if(!valid_hostname(v))
        die("-h: bad hostname '%s'", v);
      strcpy(sp->hostname, v);
    } else {
      die("create: unknown option '%s'", o);
    }
  }
}

int
cmd_create(int argc, char **argv)
{
  struct pgspec spec;
  struct pgstat st;
  parse_create(argc, argv, &spec);
  need_root();
  if(find_group(spec.name, &st) >= 0)
    die("a group named %s exists", spec.name);
  int used = 0;
  for(int id = 1; id < PG_MAX; id++)
    if(pgstat(id, &st) == 0 && st.state != PG_FREE)
      used++;
  if(used >= PG_MAX - 1)
    die("no free slot (%d groups exist)", used);

  int id = pgcreate(&spec);
  if(id < 0)
    die("the kernel refused to create %s", spec.name);
  int pid = pgfork(id);
  if(pid < 0){
    pgctl(id, PGC_REMOVE, 0, 0);
    die("cannot start a process in %s; removed it again", spec.name);
  }
  if(pid == 0){
    char *args[] = { "sh", 0 };
    exec("/sh", args);
    fprintf(2, "pgroup: exec sh failed\n");
    exit(1);
  }
  printf("%d\n", id);
  return 0;
}

int
cmd_run(int argc, char **argv)
{
  struct pgstat st;
  if(argc < 3)
    die("run needs NAME and PROG");
  if(argc - 2 > MAXARG)
    die("run: more than %d arguments", MAXARG);
  int id = group_or_die(argv[1], &st);
  need_root();
  int pid = pgfork(id);
  if(pid < 0)
    die("cannot start a process in %s", argv[1]);
  if(pid == 0){
    exec(argv[2], argv + 2);
    fprintf(2, "pgroup: exec %s failed\n", argv[2]);
    exit(1);
  }
  printf("%d\n", pid);
  return 0;
}
