// Fails check 7 through the QEMU test finisher: exit code 7.
#include "rvtest.h"
  .text
  .globl main
main:
  TEST_RR(1, add, 3, 1, 2)
  TEST_RR(7, add, 4, 1, 2)   // wrong on purpose
  PASS
