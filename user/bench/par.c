// par K prog args...: runs K copies of a program side by side and waits
// for all of them, so a benchmark can load several harts at once.
#include "user/user.h"

int
main(int argc, char *argv[])
{
  int k, i, status, failed = 0;

  if(argc < 3 || (k = atoi(argv[1])) < 1){
    fprintf(2, "usage: par K prog [args...]\n");
    exit(1);
  }
  for(i = 0; i < k; i++){
    int pid = fork();
    if(pid < 0){
      fprintf(2, "par: fork failed\n");
      exit(1);
    }
    if(pid == 0){
      exec(argv[2], argv + 2);
      fprintf(2, "par: exec %s failed\n", argv[2]);
      exit(1);
    }
  }
  for(i = 0; i < k; i++){
    if(wait(&status) < 0 || status != 0)
      failed = 1;
  }
  printf("par: %d done\n", k);
  exit(failed);
}
