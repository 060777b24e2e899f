# Bare-metal programs of the benchmark. Included by the top Makefile.
build/bench/count.elf: bench/count.S bench/link.ld $(GEN)
	@mkdir -p $(@D)
	$(CC) $(RVFLAGS) -Wl,--build-id=none -T bench/link.ld -o $@ $<

ALL += build/bench/count.elf
