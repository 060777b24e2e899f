// Loads and stores over an 8 MiB working set, striding across pages so
// that every access can miss a TLB of a few hundred entries.
#include "user/user.h"

#define WORDS (8 * 1024 * 1024 / 8)
#define STRIDE (4096 / 8 + 1)   // one page and one word: a new page each step

int
main(int argc, char *argv[])
{
  int n = argc > 1 ? atoi(argv[1]) : 20000000;
  uint64 *a = (uint64*)sbrk(WORDS * 8);
  uint64 sum = 0;
  uint i, j = 0;

  if(a == (uint64*)-1){
    fprintf(2, "benchmem: out of memory\n");
    exit(1);
  }
  for(i = 0; i < WORDS; i += 512)
    a[i] = i;
  for(i = 0; i < n; i++){
    sum += a[j];
    a[j] = sum;
    j += STRIDE;
    if(j >= WORDS)
      j -= WORDS;
  }
  printf("benchmem: %d accesses, result %lx\n", n, sum);
  exit(0);
}
