// Branchy, call-heavy work: a recursive quicksort through a comparison
// function pointer, over a pseudo-random array, repeated.
#include "user/user.h"

#define N 4096

static int v[N];

static int
less(int a, int b)
{
  return a < b;
}

static void
sort(int *x, int n, int (*lt)(int, int))
{
  int pivot, i, j, t;

  while(n > 1){
    pivot = x[n / 2];
    i = 0;
    j = n - 1;
    while(i <= j){
      while(lt(x[i], pivot)) i++;
      while(lt(pivot, x[j])) j--;
      if(i <= j){
        t = x[i]; x[i] = x[j]; x[j] = t;
        i++; j--;
      }
    }
    // Recurse into the smaller side so the stack stays shallow.
    if(j + 1 < n - i){
      sort(x, j + 1, lt);
      x += i;
      n -= i;
    } else {
      sort(x + i, n - i, lt);
      n = j + 1;
    }
  }
}

int
main(int argc, char *argv[])
{
  int rounds = argc > 1 ? atoi(argv[1]) : 200;
  uint seed = 1;
  int r, i;

  for(r = 0; r < rounds; r++){
    for(i = 0; i < N; i++){
      seed = seed * 1103515245 + 12345;
      v[i] = (seed >> 8) & 0xffffff;
    }
    sort(v, N, less);
    for(i = 1; i < N; i++){
      if(v[i-1] > v[i]){
        fprintf(2, "benchsort: not sorted\n");
        exit(1);
      }
    }
  }
  printf("benchsort: %d rounds of %d\n", rounds, N);
  exit(0);
}
