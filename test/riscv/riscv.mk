# Bare-metal RISC-V test programs: build/test/riscv/NAME.elf from
# test/riscv/NAME.S, linked with the shared start-up (test/riscv/lib/crt.S).
# Programs listed in RV_TOHOST_PROGS report through the HTIF tohost word
# instead of the QEMU test finisher.

RV_DIR   := test/riscv
RV_OUT   := build/test/riscv
RV_PROGS := $(basename $(notdir $(wildcard $(RV_DIR)/*.S)))
RV_TOHOST_PROGS := tohost_pass tohost_fail7
RV_ELFS  := $(RV_PROGS:%=$(RV_OUT)/%.elf)
RV_HDRS  := $(wildcard $(RV_DIR)/include/*.h $(RV_DIR)/include/*.S) build/gen/platform.h
RV_CFLAGS = $(RVFLAGS) -I$(RV_DIR)/include -Wa,--fatal-warnings
# --build-id=none: no hash that could differ between otherwise equal builds.
RV_LDFLAGS = $(RVFLAGS) -Wl,--build-id=none -Wl,--no-warn-rwx-segments -T $(RV_OUT)/link.ld

$(RV_OUT)/link.ld: $(RV_DIR)/lib/link.ld.S build/gen/platform.h
	@mkdir -p $(@D)
	$(CC) -E -P -x assembler-with-cpp -Ibuild/gen $< -o $@

$(RV_OUT)/crt.o: $(RV_DIR)/lib/crt.S $(RV_HDRS)
	@mkdir -p $(@D)
	$(CC) $(RV_CFLAGS) -c $< -o $@

$(RV_OUT)/crt-tohost.o: $(RV_DIR)/lib/crt.S $(RV_HDRS)
	@mkdir -p $(@D)
	$(CC) $(RV_CFLAGS) -DREPORT_TOHOST -c $< -o $@

$(RV_OUT)/%.o: $(RV_DIR)/%.S $(RV_HDRS)
	@mkdir -p $(@D)
	$(CC) $(RV_CFLAGS) -c $< -o $@

rv_crt_for = $(if $(filter $(1),$(RV_TOHOST_PROGS)),$(RV_OUT)/crt-tohost.o,$(RV_OUT)/crt.o)

define rv_elf_rule
$(RV_OUT)/$(1).elf: $(RV_OUT)/$(1).o $(call rv_crt_for,$(1)) $(RV_OUT)/link.ld
	$$(CC) $$(RV_LDFLAGS) $(call rv_crt_for,$(1)) $(RV_OUT)/$(1).o -o $$@
endef
$(foreach p,$(RV_PROGS),$(eval $(call rv_elf_rule,$(p))))

ALL += $(RV_ELFS)

.PHONY: riscv-tests
riscv-tests: $(RV_ELFS)
