# A program whose instruction count is known by construction, to check that
# the benchmark counts guest instructions exactly. Every instruction below is
# written out (no pseudo-instructions that could expand differently, no
# compressed forms), so the count is:
#   2 (bnez, lui) + 2 per iteration + 4 (lui, lui, addi, sw to the finisher)
# on hart 0; the benchmark runs it on one hart.
#include "platform.h"

        .equ    ITERATIONS, 0x100000
        .globl  count_expected
        .equ    count_expected, 2 + 2 * ITERATIONS + 4

        .option norvc
        .section .text.start
        .globl  _start
_start:
        bnez    a0, park
        lui     t0, ITERATIONS >> 12
loop:
        addi    t0, t0, -1
        bne     t0, zero, loop
        lui     t1, FINISHER_BASE >> 12
        lui     t2, FINISHER_PASS >> 12
        addi    t2, t2, FINISHER_PASS & 0xfff
        sw      t2, 0(t1)
park:
        wfi
        j       park
