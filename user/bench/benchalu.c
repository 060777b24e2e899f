// Integer ALU loop: a handful of adds, shifts and xors per iteration with
// no memory traffic, so it measures raw decode and execute speed.
#include "user/user.h"

int
main(int argc, char *argv[])
{
  uint64 n = argc > 1 ? atoi(argv[1]) : 100000000;
  uint64 a = 0x12345, b = 0x6789, i;

  for(i = 0; i < n; i++){
    a += b;
    b ^= a << 3;
    a ^= b >> 5;
  }
  printf("benchalu: %d iterations, result %lx\n", (int)n, a ^ b);
  exit(0);
}
