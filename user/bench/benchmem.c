// Loads and stores streaming over an 8 MiB working set: each pass reads
// and writes every word once, and the set spans 2048 pages, far more than
// a TLB holds, so every page costs a miss on every pass.
#include "user/user.h"

#define WORDS (8 * 1024 * 1024 / 8)

int
main(int argc, char *argv[])
{
  int n = argc > 1 ? atoi(argv[1]) : 20000000;
  uint64 *a = (uint64*)sbrk(WORDS * 8);
  uint64 sum = 0;
  uint i = 0;
  int k;

  if(a == (uint64*)-1){
    fprintf(2, "benchmem: out of memory\n");
    exit(1);
  }
  for(k = 0; k < n; k++){
    sum += a[i];
    a[i] = sum;
    if(++i == WORDS)
      i = 0;
  }
  printf("benchmem: %d accesses, result %lx\n", n, sum);
  exit(0);
}
