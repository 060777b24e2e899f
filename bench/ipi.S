# IPI round trip: hart 0 sends a software interrupt to hart 1 through the
# CLINT, hart 1 answers with one back, ROUNDS times; both wait in WFI, so on
# our machine every leg parks and wakes a host thread. Hart 0 stores the
# mtime ticks the whole exchange took at ipi_ticks, then powers off.
#include "platform.h"

        .equ    ROUNDS, 1000
        .equ    MIP_MSIP, 8
        .globl  ipi_rounds
        .equ    ipi_rounds, ROUNDS

        .section .text.start
        .globl  _start
_start:
        li      t0, MIP_MSIP
        csrw    mie, t0                 # WFI wakes on MSIP; mstatus.MIE stays 0: no trap
        li      s2, CLINT_BASE + CLINT_MSIP
        bnez    a0, answer

        li      s0, ROUNDS
        li      s3, CLINT_BASE + CLINT_MTIME
        ld      s1, 0(s3)
ask:
        li      t0, 1
        sw      t0, 4(s2)               # interrupt hart 1
1:      csrr    t1, mip
        andi    t1, t1, MIP_MSIP
        bnez    t1, 2f
        wfi
        j       1b
2:      sw      zero, 0(s2)             # clear our own
        addi    s0, s0, -1
        bnez    s0, ask
        ld      t2, 0(s3)
        sub     t2, t2, s1
        la      t3, ipi_ticks
        sd      t2, 0(t3)
        li      t0, FINISHER_BASE
        li      t1, FINISHER_PASS
        sw      t1, 0(t0)
3:      j       3b

answer:
        csrr    t1, mip
        andi    t1, t1, MIP_MSIP
        bnez    t1, 1f
        wfi
        j       answer
1:      sw      zero, 4(s2)             # clear ours (hart 1)
        li      t0, 1
        sw      t0, 0(s2)               # interrupt hart 0
        j       answer

        .data
        .balign 8
        .globl  ipi_ticks
ipi_ticks:
        .dword  0
