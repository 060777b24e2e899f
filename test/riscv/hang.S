// Never finishes: `run --max-insns N` must stop it with exit code 2.
#include "rvtest.h"
  .text
  .globl main
main:
  li a0, 0
1:
  addi a0, a0, 1
  j 1b
