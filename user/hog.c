// hog mem|fork|spin|both: eats one resource until a limit stops it, for trying
// out pgroup limits by hand and for the tests.
//   mem   sbrk 16 KiB at a time until sbrk fails, say how much it got, and
//         keep it (sleeping) until killed
//   fork  a fork bomb: every process forks again and again, retrying after
//         a failed fork, until killed
//   spin  a busy loop until killed
//   both  a fork bomb whose every process also eats memory
#include "user/user.h"

static void
mem(void)
{
  uint64 got = 0;
  while(sbrk(16 * 1024) != (char *)-1)
    got += 16 * 1024;
  printf("hog: %lu KiB, then sbrk failed\n", got / 1024);
  for(;;)
    sleep(100);
}

static void
bomb(void)
{
  for(;;){
    if(fork() < 0)
      sleep(1);
  }
}

static void
both(void)
{
  for(;;){
    int forked = fork() >= 0;
    int grew = sbrk(16 * 1024) != (char *)-1;
    if(!forked && !grew)
      sleep(1);
  }
}

static void
spin(void)
{
  volatile uint64 n = 0;
  for(;;)
    n++;
}

int
main(int argc, char *argv[])
{
  if(argc == 2 && strcmp(argv[1], "mem") == 0)
    mem();
  else if(argc == 2 && strcmp(argv[1], "fork") == 0)
    bomb();
  else if(argc == 2 && strcmp(argv[1], "spin") == 0)
    spin();
  else if(argc == 2 && strcmp(argv[1], "both") == 0)
    both();
  fprintf(2, "usage: hog mem|fork|spin|both\n");
  exit(1);
}
