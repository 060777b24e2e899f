// zombie: leaves a child that has exited and is never waited for by us;
// once we exit too, init must reap it.
#include "user/user.h"

int
main(void)
{
  int pid = fork();
  if(pid < 0){
    fprintf(2, "zombie: fork failed\n");
    return 1;
  }
  if(pid > 0)
    sleep(5);  // the child is a zombie meanwhile
  return 0;
}
