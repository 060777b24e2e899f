// forktest: forks until the process table is full, then checks that every
// child can be waited for and that nothing is left over.
#include "user/user.h"

#define TRIES 1000

int
main(void)
{
  int n;
  printf("fork test\n");
  for(n = 0; n < TRIES; n++){
    int pid = fork();
    if(pid < 0)
      break;
    if(pid == 0)
      exit(0);
  }
  if(n == TRIES){
    printf("forktest: fork never failed with %d processes\n", TRIES);
    return 1;
  }
  for(; n > 0; n--){
    if(wait(0) < 0){
      printf("forktest: wait stopped early\n");
      return 1;
    }
  }
  if(wait(0) != -1){
    printf("forktest: wait found an extra child\n");
    return 1;
  }
  printf("fork test OK\n");
  return 0;
}
