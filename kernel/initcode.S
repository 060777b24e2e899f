# The first user program, embedded in the kernel: userinit() copies these
# bytes to user address 0 of the first process, which runs exec("/init").
# Everything here is addressed relative to the pc, so it runs wherever it
# is copied; linker relaxation is off so that stays true.
#include "syscall.h"

.section .rodata
.option push
.option norelax
.balign 8
.globl initcode_start
.globl initcode_end
initcode_start:
        la      a0, init_path
        la      a1, init_argv
        li      a7, SYS_exec
        ecall
        # exec failed: nothing else can be done; exit (and init exiting panics).
        li      a0, 1
        li      a7, SYS_exit
        ecall
1:      j       1b

init_path:
        .string "/init"
.balign 8
init_argv:
        .dword  init_path - initcode_start   # the user address of init_path
        .dword  0
initcode_end:
.option pop
