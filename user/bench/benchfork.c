// Process creation: fork and exec a program that exits at once, n times.
#include "user/user.h"

int
main(int argc, char *argv[])
{
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  char *args[] = { "nop", 0 };
  int i, pid, status;

  for(i = 0; i < n; i++){
    pid = fork();
    if(pid < 0){
      fprintf(2, "benchfork: fork failed\n");
      exit(1);
    }
    if(pid == 0){
      exec("nop", args);
      fprintf(2, "benchfork: exec nop failed\n");
      exit(1);
    }
    if(wait(&status) != pid || status != 0){
      fprintf(2, "benchfork: child failed\n");
      exit(1);
    }
  }
  printf("benchfork: %d fork+exec\n", n);
  exit(0);
}
