// System-call round trips: getpid does no work, so this is the cost of
// the trap into the kernel and back.
#include "user/user.h"

int
main(int argc, char *argv[])
{
  int n = argc > 1 ? atoi(argv[1]) : 1000000;
  int i, sum = 0;

  for(i = 0; i < n; i++)
    sum += getpid();
  printf("benchsys: %d calls, result %d\n", n, sum);
  exit(0);
}
