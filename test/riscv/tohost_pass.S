// Passes through the HTIF tohost word (ours only: QEMU virt has no HTIF).
#include "rvtest.h"
  .text
  .globl main
main:
  TEST_RR(1, add, 3, 1, 2)
  PASS
