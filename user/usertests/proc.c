// Processes: fork, exit, wait, kill, exec, reparenting, many processes.
#include "ut.h"

// wait returns each child's pid once with the status it passed to exit.
static void
exitwait(void)
{
  for(int i = 0; i < 100; i++){
    int pid = fork();
    if(pid < 0)
      fail("fork failed");
    if(pid == 0)
      exit(i);
    int st;
    if(wait(&st) != pid)
      fail("wait returned the wrong pid");
    if(st != i)
      fail("status %d, expected %d", st, i);
  }
}

static void
waitnochild(void)
{
  if(wait(0) != -1)
    fail("wait with no children did not return -1");
}

static void
getpidtest(void)
{
  int parent = getpid();
  int p[2];
  if(pipe(p) < 0)
    fail("pipe failed");
  int pid = fork();
  if(pid == 0){
    int me = getpid();
    write(p[1], &me, sizeof(me));
    exit(me == parent);
  }
  int childsays = 0;
  read(p[0], &childsays, sizeof(childsays));
  wait_all_ok(1, "child pid equals the parent's");
  if(childsays != pid)
    fail("child's getpid %d, fork returned %d", childsays, pid);
}

// Two processes fork and reap children as fast as they can, together.
static void
forkfork(void)
{
  for(int i = 0; i < 2; i++){
    int pid = fork();
    if(pid < 0)
      fail("fork failed");
    if(pid == 0){
      for(int j = 0; j < 200; j++){
        int c = fork();
        if(c < 0)
          exit(1);
        if(c == 0)
          exit(0);
        wait(0);
      }
      exit(0);
    }
  }
  wait_all_ok(2, "forkfork");
}

// Every process forks until the table is full, for a while; the kernel
// must say no cleanly and recover.
static void
forkforkfork(void)
{
  unlink("stopforking");
  int pid = fork();
  if(pid < 0)
    fail("fork failed");
  if(pid == 0){
    for(;;){
      int fd = open("stopforking", O_RDONLY);
      if(fd >= 0)
        exit(0);
      if(fork() < 0)
        close(open("stopforking", O_CREATE | O_RDWR));
    }
  }
  sleep(20);
  close(open("stopforking", O_CREATE | O_RDWR));
  wait(0);
  sleep(10);  // let the rest of the tree notice and exit
  unlink("stopforking");
}

// Forks until fork fails; the table must have room for a reasonable number
// of processes, and all of them must be reaped.
static void
manyprocs(void)
{
  int p[2];
  if(pipe(p) < 0)
    fail("pipe failed");
  int n;
  for(n = 0; n < 1000; n++){
    int pid = fork();
    if(pid < 0)
      break;
    if(pid == 0){
      char c;
      close(p[1]);
      read(p[0], &c, 1);  // block until the parent lets go
      exit(0);
    }
  }
  close(p[0]);
  close(p[1]);
  if(n == 1000)
    fail("fork never failed");
  if(n < 20)
    fail("only %d processes could be created", n);
  wait_all_ok(n, "manyprocs");
  if(wait(0) != -1)
    fail("an extra child");
  int pid = fork();
  if(pid < 0)
    fail("fork fails after the table emptied");
  if(pid == 0)
    exit(0);
  wait(0);
}

static void
spin(void)
{
  for(;;)
    getpid();
}

// kill ends a running process; wait reports -1.
static void
killstatus(void)
{
  for(int i = 0; i < 30; i++){
    int pid = fork();
    if(pid < 0)
      fail("fork failed");
    if(pid == 0)
      spin();
    sleep(1);
    if(kill(pid) < 0)
      fail("kill failed");
    int st;
    if(wait(&st) != pid || st != -1)
      fail("killed child: status %d, expected -1", st);
  }
}

// kill wakes a process blocked in a pipe read.
static void
killsleeper(void)
{
  int p[2];
  if(pipe(p) < 0)
    fail("pipe failed");
  int pid = fork();
  if(pid == 0){
    char c;
    read(p[0], &c, 1);
    exit(0);
  }
  sleep(2);
  kill(pid);
  int st;
  wait(&st);
  if(st != -1)
    fail("status %d, expected -1", st);
  close(p[0]);
  close(p[1]);
}

static void
killnone(void)
{
  if(kill(-1) != -1 || kill(0) != -1 || kill(123456) != -1)
    fail("kill of a missing process did not return -1");
}

// Spinning processes must not keep the parent from running: timer
// interrupts preempt them.
static void
preempt(void)
{
  int pids[3];
  for(int i = 0; i < 3; i++){
    pids[i] = fork();
    if(pids[i] < 0)
      fail("fork failed");
    if(pids[i] == 0)
      for(;;)
        ;
  }
  sleep(2);
  for(int i = 0; i < 3; i++)
    kill(pids[i]);
  for(int i = 0; i < 3; i++){
    int st;
    if(wait(&st) < 0 || st != -1)
      fail("spinner not killed (status %d)", st);
  }
}

// A grandchild whose parent exits belongs to init; wait must not see it.
static void
reparent(void)
{
  int master = getpid();
  for(int i = 0; i < 200; i++){
    int pid = fork();
    if(pid < 0)
      fail("fork failed");
    if(pid == 0){
      if(fork() < 0)
        kill(master);
      exit(0);
    }
    if(wait(0) != pid)
      fail("wait returned the wrong pid");
  }
  if(wait(0) != -1)
    fail("wait saw a grandchild");
}

static void
sleeptime(void)
{
  int t0 = uptime();
  sleep(3);
  int t1 = uptime();
  if(t1 - t0 < 3)
    fail("sleep(3) took %d ticks", t1 - t0);
}

// exec replaces the program and passes its arguments.
static void
exectest(void)
{
  unlink("echo-ok");
  int pid = fork();
  if(pid < 0)
    fail("fork failed");
  if(pid == 0){
    close(1);
    if(open("echo-ok", O_CREATE | O_WRONLY) != 1)
      exit(1);
    char *argv[] = { "echo", "OK", "done", 0 };
    exec("/echo", argv);
    exit(2);
  }
  int st;
  wait(&st);
  if(st != 0)
    fail("exec'd echo exited %d", st);
  int fd = open("echo-ok", O_RDONLY);
  char got[16];
  int n = read(fd, got, sizeof(got));
  close(fd);
  unlink("echo-ok");
  if(n != 8 || memcmp(got, "OK done\n", 8) != 0)
    fail("echo wrote %d wrong bytes", n);
}

// exec of something that is not a program fails and returns.
static void
execbad(void)
{
  char *argv[] = { "x", 0 };
  if(exec("no-such-program", argv) != -1)
    fail("exec of a missing file");
  make_file("notelf", 100, 'x');
  if(exec("notelf", argv) != -1)
    fail("exec of a text file");
  unlink("notelf");
  if(exec("/", argv) != -1)
    fail("exec of a directory");
}

// Too many or too large arguments make exec fail cleanly.
static void
execbigargs(void)
{
  static char *argv[64];
  static char big[800];
  memset(big, 'a', sizeof(big) - 1);
  for(int i = 0; i < 63; i++)
    argv[i] = "x";
  argv[63] = 0;
  if(exec("/echo", argv) != -1)
    fail("exec with 63 arguments succeeded");
  for(int i = 0; i < 31; i++)
    argv[i] = big;
  argv[31] = 0;
  // 31 x 800 bytes do not fit on a one-page stack.
  if(exec("/echo", argv) != -1)
    fail("exec with 24 KB of arguments succeeded");
}

// Forked children run in parallel with exec'd programs.
static void
forkexecmany(void)
{
  for(int i = 0; i < 8; i++){
    int pid = fork();
    if(pid < 0)
      fail("fork failed");
    if(pid == 0){
      char *argv[] = { "echo", 0 };
      close(1);  // keep the test's output clean: echo writes into nothing
      exec("/echo", argv);
      exit(1);
    }
  }
  wait_all_ok(8, "echo");
}

// Two children at a time, over and over.
static void
twochildren(void)
{
  for(int i = 0; i < 100; i++){
    for(int k = 0; k < 2; k++){
      int pid = fork();
      if(pid < 0)
        fail("fork failed");
      if(pid == 0)
        exit(0);
    }
    wait_all_ok(2, "child");
  }
}

struct test proc_tests[] = {
  { exitwait, "exitwait" },
  { waitnochild, "waitnochild" },
  { getpidtest, "getpid" },
  { forkfork, "forkfork" },
  { twochildren, "twochildren" },
  { forkforkfork, "forkforkfork" },
  { manyprocs, "manyprocs" },
  { killstatus, "killstatus" },
  { killsleeper, "killsleeper" },
  { killnone, "killnone" },
  { preempt, "preempt" },
  { reparent, "reparent" },
  { sleeptime, "sleeptime" },
  { exectest, "exec" },
  { execbad, "execbad" },
  { execbigargs, "execbigargs" },
  { forkexecmany, "forkexecmany" },
  { 0 },
};
