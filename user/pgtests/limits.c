// Limits on what a group may take: memory.max and pids.max. At a limit
// the allocation fails cleanly and the group lives on.
#include "pt.h"

#define MEMMAX (256 * 1024)

static void
memmax_inside(void)
{
  int pages = 0, p[2];
  while(sbrk(PGSIZE) != (char *)-1)
    if(++pages > 2 * MEMMAX / PGSIZE)
      fail("sbrk went %d pages past memory.max", pages - MEMMAX / PGSIZE);
  int pid = fork();
  if(pid == 0)
    exit(0);
  if(pid > 0)
    fail("fork worked at memory.max");
  if(pipe(p) != -1)
    fail("pipe worked at memory.max");
  // Should exec work, the program it runs would end this process: the
  // reason is written first and taken back when exec fails as it must.
  note("exec worked at memory.max");
  char *argv[] = { "echo", 0 };
  exec("/echo", argv);
  unlink(FAILFILE);

  // Back at the starting size, everything works again.
  if(sbrk(-pages * PGSIZE) == (char *)-1)
    fail("sbrk could not shrink");
  if(pipe(p) < 0)
    fail("pipe failed below memory.max");
  close(p[0]);
  close(p[1]);
  pid = fork();
  if(pid == 0)
    exit(0);
  if(pid < 0 || wait(0) != pid)
    fail("fork failed below memory.max");
}

// memory.max: sbrk, fork, pipe and exec get -1 at the limit and the
// process is not killed; the peak stays under the limit and the group's
// memory goes back to 0 when its processes are gone.
static void
memmax(void)
{
  struct pgspec s;
  struct pgstat st;
  spec_init(&s, "mem");
  s.mem_max = MEMMAX;
  int id = newgroup(&s);
  // The process reports and then lingers, as a slow exit would: the
  // counts below are read only once it is gone, never between the two.
  linger = 3;
  run_in(id, memmax_inside, "in the group");
  getstat(id, &st);
  if(st.mem_peak > st.mem_max || st.mem_peak < MEMMAX / 2)
    fail("memory.peak %lu with memory.max %lu", st.mem_peak, st.mem_max);
  if(st.mem_events_max == 0)
    fail("memory.events.max did not count the refusals");
  if(st.mem_current != 0)
    fail("memory.current is %lu with no process left", st.mem_current);
  rmgroup(id);
}

static void
pidsmax_inside(void)
{
  int p[2];
  char c;
  if(pipe(p) < 0)
    fail("pipe failed");
  for(int i = 0; i < 2; i++){
    int pid = fork();
    if(pid < 0)
      fail("fork %d of 2 failed under pids.max 3", i + 1);
    if(pid == 0){
      close(p[1]);
      read(p[0], &c, 1);
      exit(0);
    }
  }
  int pid = fork();
  if(pid == 0)
    exit(0);
  if(pid > 0)
    fail("a fourth process was forked with pids.max 3");
  close(p[1]);
  for(int i = 0; i < 2; i++)
    if(wait(0) < 0)
      fail("a child is missing");
  pid = fork();
  if(pid == 0)
    exit(0);
  if(pid < 0 || wait(0) != pid)
    fail("fork failed after the children exited");
}

// pids.max: fork returns -1 past the limit, pids.events.max counts it,
// and pgfork into a full group fails too.
static void
pidsmax(void)
{
  struct pgspec s;
  struct pgstat st;
  spec_init(&s, "pids");
  s.pids_max = 3;
  int id = newgroup(&s);
  run_in(id, pidsmax_inside, "in the group");
  getstat(id, &st);
  if(st.pids_events_max == 0 || st.pids_current != 0)
    fail("pids.events.max %lu, pids.current %d", st.pids_events_max, st.pids_current);
  if(pgctl(id, PGC_PIDSMAX, 1, 0) < 0)
    fail("pgctl pids.max 1 failed");
  int sleeper = ingroup(id, sleep_until_stop);
  int pid = pgfork(id);
  if(pid == 0)
    exit(0);
  if(pid > 0)
    fail("pgfork went past pids.max");
  touch(STOPFILE);
  expect_done(id, sleeper, "sleeper");
  rmgroup(id);
}

struct test limit_tests[] = {
  { memmax, "memmax" },
  { pidsmax, "pidsmax" },
  { 0, 0 },
};
