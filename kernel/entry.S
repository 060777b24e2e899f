# Every hart starts here in M-mode (a0 = hartid, a1 = FDT address), as both
# QEMU's -bios none and our emulator do. Give each hart its own boot stack
# and go to start() in C.
#include "param.h"

.section .text.entry
.globl _entry
_entry:
        li      t0, NCPU
        bgeu    a0, t0, park            # more harts than the kernel can drive
        la      sp, stack0
        li      t0, 4096
        addi    t1, a0, 1
        mul     t0, t0, t1
        add     sp, sp, t0              # top of stack0[hartid]
        mv      s0, zero                # ends panic backtraces here
        call    start
park:
        wfi
        j       park
