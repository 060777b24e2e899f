// The fuzzers' shared helpers (fuzz.h).
#include "user/fuzz.h"

uint64
rnd(uint64 *s)
{
  uint64 z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64
rnd_below(uint64 *s, uint64 n)
{
  return n ? rnd(s) % n : 0;
}

int
rnd_chance(uint64 *s, int percent)
{
  return rnd_below(s, 100) < percent;
}

uint64
rnd_child(uint64 seed, uint64 k)
{
  uint64 s = seed ^ (k * 0xd1b54a32d192ed03ULL);
  return rnd(&s);
}

static int
parse_u64(const char *s, uint64 *v)
{
  uint64 x = 0;
  if(*s == 0)
    return -1;
  for(; *s; s++){
    if(*s < '0' || *s > '9' || x > (~0ULL - 9) / 10)
      return -1;
    x = x * 10 + (*s - '0');
  }
  *v = x;
  return 0;
}

uint64
fuzz_now_us(void)
{
  uint64 t;
  asm volatile("rdtime %0" : "=r"(t));
  return t / (TIMEBASE_HZ / 1000000);
}

static void
args(const char *prog, int argc, char **argv, uint64 *seed, uint64 *count, uint64 defcount)
{
  *seed = fuzz_now_us() * 2654435761ULL;
  *count = defcount;
  if(argc > 3 || (argc > 1 && parse_u64(argv[1], seed) < 0) ||
     (argc > 2 && (parse_u64(argv[2], count) < 0 || *count == 0))){
    fprintf(2, "usage: %s [SEED [COUNT]]\n", prog);
    exit(1);
  }
}

static void
need_pgroup(const char *prog)
{
  struct pgstat st;
  // Only the root group may look at group 0 by its id.
  if(pgstat(PGROOT, &st) == 0){
    fprintf(2, "%s: run me inside a pgroup (pgroup create fz -p 32 -m 8M), "
               "where halt and the pgroup calls fail by design\n", prog);
    exit(1);
  }
}

static void
enter_dir(const char *prog, const char *dir)
{
  struct stat st;
  if(stat(dir, &st) < 0 && mkdir(dir) < 0){
    fprintf(2, "%s: cannot make %s\n", prog, dir);
    exit(1);
  }
  if(chdir(dir) < 0){
    fprintf(2, "%s: cannot enter %s\n", prog, dir);
    exit(1);
  }
}

void
fuzz_start(const char *prog, int argc, char **argv, uint64 *seed, uint64 *count,
           uint64 defcount, const char *dir)
{
  args(prog, argc, argv, seed, count, defcount);
  printf("%s: seed %lu count %lu\n", prog, *seed, *count);
  need_pgroup(prog);
  enter_dir(prog, dir);
}
