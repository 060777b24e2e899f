# User programs and the file-system image. Included by the top Makefile.
#
# Each program is user/NAME.c linked with ulib into build/user/_NAME (the
# leading underscore keeps the build names apart from source names; mkfs
# drops it). usertests and pgtests are the exceptions: their test functions
# are split by area over user/usertests/*.c and user/pgtests/*.c, each linked
# into one program; so is pgroup, over user/pgroup/*.c, and so are the
# guest fuzzers, fuzzinsn and fuzzsys, which share user/fuzzlib.c.

USER_PROGS := init sh ls cat echo grep wc mkdir rm ln kill \
              forktest stressfs grind zombie halt badargs fswrite \
              ps hostname pgroup hog
# -g: GDB breaks and steps in user programs by source line too (add-symbol-file
# build/user/_NAME); exec loads only the segments, so the image just grows.
USER_CFLAGS := $(RVFLAGS) -O2 -g -Wall -Werror -fno-omit-frame-pointer -I. -MMD -MP
USER_LDFLAGS := -z max-page-size=4096 --build-id=none -T user/user.ld

ULIB := build/user/ulib.o build/user/printf.o build/user/umalloc.o build/user/usys.o
UTESTS_OBJ := $(patsubst user/%.c,build/user/%.o,$(wildcard user/usertests/*.c))
PGTESTS_OBJ := $(patsubst user/%.c,build/user/%.o,$(wildcard user/pgtests/*.c))
PGROUP_OBJ := $(patsubst user/%.c,build/user/%.o,$(wildcard user/pgroup/*.c))
USER_BINS := $(patsubst %,build/user/_%,$(USER_PROGS)) build/user/_usertests \
             build/user/_pgtests build/user/_fuzzinsn build/user/_fuzzsys
FUZZINSN_OBJ := $(patsubst user/%.c,build/user/%.o,$(wildcard user/fuzzinsn/*.c)) \
                build/user/fuzzinsn/enter.o build/user/fuzzlib.o
FUZZSYS_OBJ := $(patsubst user/%.c,build/user/%.o,$(wildcard user/fuzzsys/*.c)) \
               build/user/fuzzlib.o

# The benchmark's workloads (xv6-wasm bench), one program each in user/bench/.
BENCH_PROGS := benchalu benchmem benchsort benchsys benchfork nop par
BENCH_BINS := $(patsubst %,build/user/_%,$(BENCH_PROGS))
USER_BINS += $(BENCH_BINS)

build/gen/usys.S: kernel/syscall.h tools/gen-usys.mjs
	$(NODE) tools/gen-usys.mjs

build/user/usys.o: build/gen/usys.S
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c -o $@ $<

# The flags are in this file: a change to it rebuilds every program.
build/user/%.o: user/%.c $(GEN) user/user.mk
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c -o $@ $<

build/user/_usertests: $(UTESTS_OBJ) $(ULIB) user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $(UTESTS_OBJ) $(ULIB)

build/user/_pgtests: $(PGTESTS_OBJ) $(ULIB) user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $(PGTESTS_OBJ) $(ULIB)

build/user/_pgroup: $(PGROUP_OBJ) $(ULIB) user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $(PGROUP_OBJ) $(ULIB)

# fuzzinsn runs code it writes: its linker script adds a writable and
# executable segment.
build/user/_fuzzinsn: $(FUZZINSN_OBJ) $(ULIB) user/fuzzinsn/code.ld
	$(LD) $(subst user/user.ld,user/fuzzinsn/code.ld,$(USER_LDFLAGS)) --no-warn-rwx-segments -o $@ $(FUZZINSN_OBJ) $(ULIB)

build/user/fuzzinsn/%.o: user/fuzzinsn/%.S
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c -o $@ $<

build/user/_fuzzsys: $(FUZZSYS_OBJ) $(ULIB) user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $(FUZZSYS_OBJ) $(ULIB)

build/user/_%: build/user/%.o $(ULIB) user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $< $(ULIB)

$(BENCH_BINS): build/user/_%: build/user/bench/%.o $(ULIB) user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $< $(ULIB)

# mkfs is part of the host, so the image waits for the host build.
build/fs.img: $(USER_BINS) build/host/.built
	$(NODE) bin/xv6-wasm.js mkfs $@ $(USER_BINS)

.PRECIOUS: build/user/%.o
-include $(wildcard build/user/*.d build/user/usertests/*.d build/user/bench/*.d \
                   build/user/pgtests/*.d build/user/pgroup/*.d \
                   build/user/fuzzinsn/*.d build/user/fuzzsys/*.d)

ALL += $(USER_BINS) build/fs.img
