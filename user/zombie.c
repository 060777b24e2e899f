// zombie [ticks]: leaves a child that has exited and is never waited for
// by us, for ticks (default 5); once we exit too, init must reap it.
#include "user/user.h"

int
main(int argc, char *argv[])
{
  int ticks = argc > 1 ? atoi(argv[1]) : 5;
  int pid = fork();
  if(pid < 0){
    fprintf(2, "zombie: fork failed\n");
    return 1;
  }
  if(pid > 0)
    sleep(ticks);  // the child is a zombie meanwhile
  return 0;
}
