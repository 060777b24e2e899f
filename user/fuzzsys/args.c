// Arguments for random system calls. Every kind mixes values that work
// (so that calls get past their first check and reach the deep paths)
// with hostile ones: kernel and device addresses, unaligned pointers and
// pointers that straddle the end of user memory, huge and negative
// lengths, bad fds, strings with no end.
#include "user/fuzzsys/fs.h"

// Memory the calls may read and overwrite as they like.
static char data[8192];
static char paths[3][MAXPATH + 32];
static uint64 argvbuf[MAXARG + 8];

// Names in the scratch directory that calls make and use again.
const char *scratch_names[] = {
  "d/e/a", "d/e", "d/a", "d/b", "d", "a/b", "a", "b", "c",
  "abcdefghijklmnopqrstuvwxyz",   // longer than DIRSIZ: cut short
  0,
};

// Paths that name nothing we may make, or make lookups work hard.
static const char *odd_paths[] = {
  "", ".", "/", "d/", "d//a", "./a", "d/./e", "a/b/c", "nonexistent/a",
  "d/e/a/b", "/nonexistent",
};

static const uint64 hostile[] = {
  0, 1, 0xfff, 0x1000,
  0x80000000ULL, 0x80001000ULL, 0x87fffff8ULL, 0x88000000ULL,
  0x10000000ULL, 0x0c000000ULL, 0x02000000ULL,
  0x3fffffe000ULL, 0x3ffffff000ULL, 0x3ffffffff8ULL,
  0x4000000000ULL, 0x7fffffffffULL, 0xffffffc000000000ULL,
  0xffffffff80000000ULL, ~0ULL, ~0ULL - 7, 0x8000000000000000ULL, 0x7fffffffffffffffULL,
};

uint64
arg_small(struct worker *w, int lo, int hi)
{
  return (int64)lo + (int64)rnd_below(&w->rng, hi - lo + 1);
}

uint64
arg_any(struct worker *w)
{
  switch(rnd_below(&w->rng, 4)){
  case 0: return rnd(&w->rng);
  case 1: return hostile[rnd_below(&w->rng, NELEM(hostile))];
  case 2: return arg_small(w, -8, 64);
  default: return (uint64)(int64)(int)rnd(&w->rng);
  }
}

// The heap's last bytes, all non-NUL: a string or buffer that runs off the
// end of user memory.
static uint64
heap_end(struct worker *w, int n)
{
  if(w->heaptop < w->heapstart + n)
    return (uint64)data;
  memset((char *)(w->heaptop - n), 'x', n);
  return w->heaptop - n;
}

uint64
arg_ptr(struct worker *w)
{
  uint64 here = (uint64)&here;
  int k = rnd_below(&w->rng, 100);
  if(k < 50)
    return (uint64)data + rnd_below(&w->rng, sizeof(data));
  if(k < 58)
    return heap_end(w, 1 + rnd_below(&w->rng, 64));
  if(k < 63)
    return rnd_below(&w->rng, 0x1000);                // text: read-only
  if(k < 68)
    return (here & ~0xfffULL) - 1 - rnd_below(&w->rng, 64);   // the guard page
  if(k < 72)
    return w->heaptop + rnd_below(&w->rng, 0x2000);   // past the end
  return hostile[rnd_below(&w->rng, NELEM(hostile))] + rnd_below(&w->rng, 3);
}

uint64
arg_len(struct worker *w)
{
  switch(rnd_below(&w->rng, 8)){
  case 0: return 0;
  case 1: return arg_small(w, 1, 64);
  case 2: case 3: return rnd_below(&w->rng, sizeof(data) + 1);
  case 4: return 4096;
  case 5: return (uint64)(int64)(int)rnd(&w->rng);   // often negative
  case 6: return 0x7fffffff;
  default: return rnd(&w->rng);
  }
}

uint64
arg_fd(struct worker *w)
{
  uint64 fd = rnd_chance(&w->rng, 70) ? rnd_below(&w->rng, NOFILE) : arg_any(w);
  // A call on the progress pipe would speak for the worker.
  return (int)fd == w->keepfd ? (uint64)-1 : fd;
}

int
arg_spared(struct worker *w, uint64 pid)
{
  for(int i = 0; i < NELEM(w->protect); i++)
    if((int)pid == w->protect[i])
      return 1;
  return 0;
}

uint64
arg_pid(struct worker *w)
{
  return rnd_chance(&w->rng, 80) ? arg_small(w, -2, NPROC + 2) : arg_any(w);
}

uint64
arg_path(struct worker *w, int slot)
{
  char *p = paths[slot];
  int k = rnd_below(&w->rng, 100);
  if(k < 60){
    int n = 0;
    while(scratch_names[n])
      n++;
    strcpy(p, scratch_names[rnd_below(&w->rng, n)]);
  } else if(k < 75){
    strcpy(p, odd_paths[rnd_below(&w->rng, NELEM(odd_paths))]);
  } else if(k < 82){
    // Exactly MAXPATH-1 characters, or no NUL within MAXPATH + 32.
    int n = rnd_chance(&w->rng, 50) ? MAXPATH - 1 : sizeof(paths[slot]);
    for(int i = 0; i < n; i++)
      p[i] = i % 3 == 2 ? '/' : 'a' + rnd_below(&w->rng, 4);
    if(n < sizeof(paths[slot]))
      p[n] = 0;
  } else if(k < 87){
    return heap_end(w, 1 + rnd_below(&w->rng, MAXPATH + 8));
  } else {
    return arg_ptr(w);
  }
  return (uint64)p;
}

// How far below where it started a chdir(path) that worked went, or -1
// if it went above or to an absolute path. The kernel read the path, so
// it is a string in our memory that we can read too.
int
path_depth(const char *path)
{
  if(*path == '/')
    return -1;
  int depth = 0;
  while(*path){
    const char *e = path;
    while(*e && *e != '/')
      e++;
    if(e - path == 2 && path[0] == '.' && path[1] == '.'){
      if(--depth < 0)
        return -1;
    } else if(e - path > 1 || (e - path == 1 && *path != '.')){
      depth++;
    }
    path = *e ? e + 1 : e;
  }
  return depth;
}

uint64
arg_argv(struct worker *w)
{
  if(rnd_chance(&w->rng, 30))
    return arg_ptr(w);
  int n = rnd_below(&w->rng, NELEM(argvbuf));
  for(int i = 0; i < n; i++)
    argvbuf[i] = rnd_chance(&w->rng, 70) ? (uint64)scratch_names[i % 8] : arg_ptr(w);
  // Sometimes no terminating 0 within MAXARG.
  if(n < NELEM(argvbuf) && rnd_chance(&w->rng, 80))
    argvbuf[n] = 0;
  return (uint64)argvbuf;
}
