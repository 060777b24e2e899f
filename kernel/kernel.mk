# Builds build/kernel/kernel from every kernel/*.c and kernel/*.S (so new
# files are picked up without editing this), linked by kernel/kernel.ld.
# Included by the top Makefile, which supplies CC, LD, RVFLAGS and GEN.

KERNEL_SRCS := $(sort $(wildcard kernel/*.c kernel/*.S))
KERNEL_OBJS := $(patsubst kernel/%,build/kernel/obj/%.o,$(KERNEL_SRCS))
# The assembler records the build directory for .S files unless told not to.
KCFLAGS     := $(RVFLAGS) -O2 -g -Wall -Werror -fno-omit-frame-pointer \
               -fno-tree-loop-distribute-patterns -Ikernel -MMD -MP \
               -Wa,--debug-prefix-map=$(CURDIR)=.

build/kernel/obj/%.c.o: kernel/%.c $(GEN)
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@

build/kernel/obj/%.S.o: kernel/%.S $(GEN)
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@

build/kernel/kernel.ld: kernel/kernel.ld $(GEN)
	@mkdir -p $(@D)
	$(CC) -E -P -x c -D__ASSEMBLER__ -Ibuild/gen $< -o $@

build/kernel/kernel: $(KERNEL_OBJS) build/kernel/kernel.ld
	$(LD) -z max-page-size=4096 --no-warn-rwx-segments -T build/kernel/kernel.ld -o $@ $(KERNEL_OBJS)

.PHONY: kernel
kernel: build/kernel/kernel

-include $(KERNEL_OBJS:.o=.d)

ALL += build/kernel/kernel
