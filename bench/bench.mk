# Bare-metal programs of the benchmark. Included by the top Makefile.
build/bench/%.elf: bench/%.S bench/link.ld $(GEN)
	@mkdir -p $(@D)
	$(CC) $(RVFLAGS) -Wl,--build-id=none -Wl,--no-warn-rwx-segments -T bench/link.ld -o $@ $<

ALL += build/bench/count.elf build/bench/ipi.elf
