// fuzzsys [SEED [COUNT]]: makes COUNT (default 100000) random system calls
// with hostile arguments. The kernel must refuse what is wrong and survive
// all of it.
//
// Calls can block for ever (a console read, a long sleep), end the process
// (exit, exec, a fatal sbrk) or multiply it (fork), so workers make them:
// children with seeds of their own, each reporting progress, a byte per
// BATCH calls, on a pipe. A ticker process writes a byte per clock tick to
// the same pipe; a worker silent for STALL_TICKS ticks is killed, and the
// next one starts. Files go to a scratch directory, emptied after each
// worker so the disk never fills.
//
// Run it inside a pgroup: halt and the pgroup calls must fail there, and
// pids.max stops the forks.
#include "user/fuzzsys/fs.h"
#include "kernel/fs.h"

#define WORKER_CALLS (BATCH * 128)   // then a fresh worker, a fresh seed
#define STALL_TICKS  2

static void
ticker(int fd)
{
  for(;;){
    sleep(1);
    if(write(fd, "t", 1) != 1)
      exit(0);
  }
}

static void
worker(uint64 seed, int keepfd, int parent, int tick, uint64 calls)
{
  struct worker w = { .rng = seed, .keepfd = keepfd, .protect = { parent, tick } };
  // No console: reading it would block, writing it would flood it. The
  // fds that take its place are files and pipes for the calls to use.
  close(0);
  close(1);
  close(2);
  open("a", O_CREATE | O_RDWR);
  int p[2];
  if(pipe(p) == 0)
    close(p[1]);   // reads of it end at once
  sbrk(4096);
  w.heapstart = w.heaptop = (uint64)sbrk(0);
  for(uint64 i = 0; i < calls; i++){
    fuzz_call(&w);
    if((i + 1) % BATCH == 0)
      write(keepfd, "p", 1);
  }
  worker_done(&w);
}

void
worker_done(struct worker *w)
{
  write(w->keepfd, "d", 1);
  exit(0);
}

// Empties directory path (depth levels at most), leaving path itself.
static void
empty_dir(char *path, int depth)
{
  int fd = open(path, O_RDONLY);
  if(fd < 0)
    return;
  struct dirent de;
  int n = strlen(path);
  while(read(fd, &de, sizeof(de)) == sizeof(de)){
    if(de.inum == 0 || strcmp(de.name, ".") == 0 || strcmp(de.name, "..") == 0)
      continue;
    if(n + DIRSIZ + 2 > MAXPATH)
      break;
    path[n] = '/';
    memmove(path + n + 1, de.name, DIRSIZ);
    path[n + 1 + DIRSIZ] = 0;
    struct stat st;
    if(depth > 0 && stat(path, &st) == 0 && st.type == T_DIR)
      empty_dir(path, depth - 1);
    unlink(path);
    path[n] = 0;
  }
  close(fd);
}

static int tick_pid;

static void
start_ticker(int fd)
{
  if((tick_pid = fork()) == 0)
    ticker(fd);
}

// Runs one worker until it finishes or stalls. Returns the calls it
// reported; *stalled says whether it had to be killed.
static uint64
run_worker(uint64 seed, int pfd[2], uint64 calls, int *stalled)
{
  int parent = getpid();
  int pid;
  while((pid = fork()) < 0)
    sleep(1);   // pids.max: what the last worker forked is being reaped
  if(pid == 0){
    close(pfd[0]);
    worker(seed, pfd[1], parent, tick_pid, calls);
  }
  uint64 done = 0;
  int idle = 0;
  char c;
  *stalled = 0;
  while(read(pfd[0], &c, 1) == 1){
    if(c == 'p'){
      done += BATCH;
      idle = 0;
    } else if(c == 'd'){
      break;
    } else if(++idle >= STALL_TICKS){
      *stalled = 1;
      break;
    }
  }
  // Killed even after its 'd': the worker has the pipe's write end, and a
  // random write of its own can forge that byte while it goes on fuzzing
  // (and then sleep for ever), with us waiting for it.
  kill(pid);
  int x;
  while((x = wait(0)) >= 0 && x != pid)
    if(x == tick_pid)
      start_ticker(pfd[1]);
  return done;
}

int
main(int argc, char **argv)
{
  uint64 seed, count;
  fuzz_start("fuzzsys", argc, argv, &seed, &count, 100000, "fzs");

  int pfd[2];
  if(pipe(pfd) < 0){
    fprintf(2, "fuzzsys: pipe failed\n");
    exit(1);
  }
  start_ticker(pfd[1]);
  uint64 calls = 0, workers = 0, stalls = 0, step = count / 10 + 1, next_report = step;
  uint64 t0 = fuzz_now_us();
  char path[MAXPATH];
  while(calls < count){
    uint64 want = count - calls < WORKER_CALLS ? count - calls : WORKER_CALLS;
    want = (want + BATCH - 1) / BATCH * BATCH;
    int stalled;
    calls += run_worker(rnd_child(seed, workers), pfd, want, &stalled);
    stalls += stalled;
    workers++;
    strcpy(path, ".");
    empty_dir(path, 3);
    if(calls >= next_report && calls < count){
      printf("fuzzsys: %lu calls, %lu workers\n", calls, workers);
      next_report = (calls / step + 1) * step;
    }
  }
  kill(tick_pid);
  while(wait(0) >= 0)
    ;
  uint64 ms = (fuzz_now_us() - t0) / 1000;
  printf("fuzzsys: done: %lu calls by %lu workers (%lu stalled and killed) in %lu ms; seed %lu\n",
         calls, workers, stalls, ms, seed);
  exit(0);
}
