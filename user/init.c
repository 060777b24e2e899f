// The first user process: gives the console to fds 0-2, keeps a shell
// running on it, and reaps every orphan the kernel hands it. It also makes
// /dev/consoleN for each pgroup's console, so that root can open any
// group's console (the kernel routes by the open file).
#include "user/user.h"

#define CONSOLE_MAJOR 1

static void
make_consoles(void)
{
  char path[] = "/dev/consoleN";
  mkdir("/dev");
  for(int n = 1; n < PG_MAX; n++){
    path[sizeof(path) - 2] = '0' + n;
    struct stat st;
    if(stat(path, &st) < 0)
      mknod(path, CONSOLE_MAJOR, n);
  }
}

int
main(void)
{
  if(open("console", O_RDWR) < 0){
    mknod("console", CONSOLE_MAJOR, 0);
    if(open("console", O_RDWR) < 0)
      exit(1);
  }
  make_consoles();
  dup(0);  // stdout
  dup(0);  // stderr

  char *argv[] = { "sh", 0 };
  for(;;){
    printf("init: starting sh\n");
    int pid = fork();
    if(pid < 0){
      printf("init: fork failed\n");
      exit(1);
    }
    if(pid == 0){
      exec("/sh", argv);
      printf("init: exec sh failed\n");
      exit(1);
    }
    // Orphans are reparented to us; reap them until the shell itself ends.
    for(;;){
      int w = wait(0);
      if(w == pid)
        break;
      if(w < 0){
        printf("init: wait failed\n");
        exit(1);
      }
    }
  }
}
