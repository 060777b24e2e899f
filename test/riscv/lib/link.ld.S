/* Test programs sit at the start of RAM, where every hart enters. Run
   through the C preprocessor so the address comes from platform.h. */
#include "platform.h"
OUTPUT_ARCH(riscv)
ENTRY(_start)
SECTIONS
{
  . = RAM_BASE;
  .text : { *(.text.init) *(.text .text.*) }
  . = ALIGN(0x1000);
  .tohost : { *(.tohost) }
  .data : { *(.data .data.* .rodata .rodata.* .sdata .sdata.*) }
  .bss : { *(.sbss .sbss.* .bss .bss.*) }
  _end = .;
}
