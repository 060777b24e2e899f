# The whole build. npm scripts call it; every part lands in build/.
# Each part of the tree adds its own rules in a fragment next to its sources
# (kernel/kernel.mk, user/user.mk, test/riscv/riscv.mk, bench/bench.mk) and appends its
# outputs to ALL.

CROSS   ?= riscv64-unknown-elf-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy
OBJDUMP := $(CROSS)objdump
RVARCH  := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
# Same sources give the same bytes: no build paths or dates in the outputs.
RVFLAGS := $(RVARCH) -ffreestanding -fno-common -nostdlib -fno-pie -no-pie \
           -fno-stack-protector -ffile-prefix-map=$(CURDIR)=. -Ibuild/gen
NODE    := node
GEN     := build/gen/platform.h build/gen/platform.ts build/gen/platform-types.d.ts

ALL := $(GEN) build/core.wasm build/host/.built

.PHONY: all clean
all: everything

$(GEN): platform/platform.json tools/gen-platform.mjs
	$(NODE) tools/gen-platform.mjs

build/core.wasm: $(GEN) asconfig.json $(shell find assembly -name '*.ts' 2>/dev/null)
	npx asc --config asconfig.json --target release

build/host/.built: tsconfig.json $(GEN) $(shell find host -name '*.ts' 2>/dev/null)
	npx tsc -p tsconfig.json
	@touch $@

-include kernel/kernel.mk
-include user/user.mk
-include test/riscv/riscv.mk
-include bench/bench.mk

everything: $(ALL)

clean:
	rm -rf build
