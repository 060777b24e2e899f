// grind: random system-call stress. Pairs of worker processes do random
// file, directory, pipe, memory and process operations in shared
// directories, round after round, until grind is killed. Operations may
// fail (another worker got there first); what must not happen is a wrong
// answer, a lost process, or the kernel dying.
#include "user/user.h"

#define WORKERS 2
#define OPS_PER_ROUND 500

static uint64 rng;

static uint
rnd(void)
{
  rng = rng * 6364136223846793005UL + 1442695040888963407UL;
  return rng >> 33;
}

static void
die(const char *what)
{
  printf("grind: %s\n", what);
  exit(1);
}

static const char *names[] = { "g0", "g1", "gd/g2", "gd/g3", "gd", "/gd/g4" };

static void
pipe_roundtrip(void)
{
  int p[2];
  if(pipe(p) < 0)
    return;
  int pid = fork();
  if(pid < 0){
    close(p[0]);
    close(p[1]);
    return;
  }
  if(pid == 0){
    close(p[0]);
    write(p[1], "grind-pipe", 10);
    exit(0);
  }
  close(p[1]);
  char buf[16];
  int n = 0, r;
  while(n < 10 && (r = read(p[0], buf + n, sizeof(buf) - n)) > 0)
    n += r;
  close(p[0]);
  wait(0);
  if(n != 10 || memcmp(buf, "grind-pipe", 10) != 0)
    die("pipe delivered wrong data");
}

static void
one_op(void)
{
  static char buf[2048];
  const char *a = names[rnd() % 6], *b = names[rnd() % 6];
  int fd, pid;
  switch(rnd() % 16){
  case 0:
    close(open(a, O_CREATE | O_RDWR));
    break;
  case 1:
    unlink(a);
    break;
  case 2:
    mkdir(a);
    break;
  case 3:
    link(a, b);
    break;
  case 4:
    if((fd = open(a, O_CREATE | O_RDWR)) >= 0){
      write(fd, buf, rnd() % sizeof(buf));
      close(fd);
    }
    break;
  case 5:
    if((fd = open(a, O_RDONLY)) >= 0){
      read(fd, buf, sizeof(buf));
      close(fd);
    }
    break;
  case 6:
    if((fd = open(a, O_CREATE | O_RDWR | O_TRUNC)) >= 0)
      close(fd);
    break;
  case 7:
    if(chdir("gd") == 0)
      chdir("..");
    break;
  case 8:
    pipe_roundtrip();
    break;
  case 9:
    if((pid = fork()) == 0)
      exit(0);
    if(pid > 0 && wait(0) != pid)
      die("wait lost a child");
    break;
  case 10: {
    char *p = sbrk(rnd() % (64 * 1024));
    if(p != (char *)-1){
      uint64 grown = (uint64)sbrk(0) - (uint64)p;
      if(grown > 0)
        p[grown - 1] = 1;
      sbrk(-(int)grown);
    }
    break;
  }
  case 11:
    if((pid = fork()) == 0){
      close(1);
      close(2);
      char *argv[] = { "echo", "grind", 0 };
      exec("/echo", argv);
      exit(1);
    }
    if(pid > 0)
      wait(0);
    break;
  case 12:
    if((pid = fork()) == 0)
      for(;;)
        getpid();
    if(pid > 0){
      kill(pid);
      int st;
      if(wait(&st) != pid || st != -1)
        die("a killed child did not end with -1");
    }
    break;
  case 13:
    if((fd = open(a, O_RDONLY)) >= 0){
      int fd2 = dup(fd);
      close(fd);
      if(fd2 >= 0)
        close(fd2);
    }
    break;
  case 14: {
    struct stat st;
    stat(a, &st);
    break;
  }
  case 15:
    sleep(0);
    break;
  }
}

int
main(void)
{
  mkdir("grind.dir");
  if(chdir("grind.dir") < 0)
    die("cannot enter grind.dir");
  mkdir("gd");
  rng = uptime() * 7919 + 1;
  for(int round = 0; ; round++){
    for(int w = 0; w < WORKERS; w++){
      int pid = fork();
      if(pid < 0)
        die("fork of a worker failed");
      if(pid == 0){
        rng += 104729 * (w + 1) + round;
        for(int i = 0; i < OPS_PER_ROUND; i++)
          one_op();
        exit(0);
      }
    }
    for(int w = 0; w < WORKERS; w++){
      int st;
      if(wait(&st) < 0)
        die("wait found too few workers");
      if(st != 0)
        die("a worker failed");
    }
    printf("grind: round %d\n", round);
  }
}
