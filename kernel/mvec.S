# The only machine-mode trap handler left once the kernel runs in S-mode.
# Supervisor software cannot raise another hart's software interrupt
# directly (without an SBI), so the kernel writes that hart's CLINT msip,
# which interrupts the target in M-mode; here the target acknowledges it and
# passes it down as a supervisor software interrupt (sip.SSIP).
#
# mscratch points at this hart's struct mscratch (start.c):
#   0: save slot for t1
#   8: address of this hart's msip word
#include "riscv.h"

.section .text
.globl mvec
.balign 4
mvec:
        csrrw   t0, mscratch, t0
        sd      t1, 0(t0)
        ld      t1, 8(t0)
        sw      zero, 0(t1)             # acknowledge: clears mip.MSIP
        # A plain write, not csrs: of mip's writable bits the kernel uses only
        # SSIP, and a read-modify-write could copy the PLIC's SEIP signal into
        # the software SEIP bit, leaving an external interrupt pending forever
        # on a core that merges the two on read (the spec says CSRRS must not).
        li      t1, IRQ_SSI
        csrw    mip, t1
        ld      t1, 0(t0)
        csrrw   t0, mscratch, t0
        mret
