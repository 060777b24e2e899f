#!/bin/sh
# Installs the Debian packages the build and the tests need when they are
# missing: the RISC-V cross compiler (required), make (required), and QEMU,
# dtc, tmux and U-Boot's QEMU builds (optional: the tests that compare with
# them, or boot firmware through them, skip without them), and gdb-multiarch
# (optional: `npm run debug` prints the command to attach it; its tests skip
# without it).
set -u
need=""
want=""
command -v make >/dev/null 2>&1 || need="$need make"
command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 || need="$need gcc-riscv64-unknown-elf"
command -v qemu-system-riscv64 >/dev/null 2>&1 || want="$want qemu-system-misc"
command -v dtc >/dev/null 2>&1 || want="$want device-tree-compiler"
command -v tmux >/dev/null 2>&1 || want="$want tmux"
command -v gdb-multiarch >/dev/null 2>&1 || want="$want gdb-multiarch"
# U-Boot has no command: its S-mode build for QEMU's virt is a file.
[ -f /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin ] || want="$want u-boot-qemu"
[ -z "$need$want" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "xv6-wasm setup: installing$need$want (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq $need $want >/dev/null 2>&1 || apt-get install -y -qq $need >/dev/null 2>&1
fi

missing=""
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 || missing="$missing gcc-riscv64-unknown-elf"
if [ -n "$missing" ]; then
  echo "xv6-wasm setup: missing required Debian packages:$missing; install them with: sudo apt-get install$missing" >&2
  exit 1
fi
command -v qemu-system-riscv64 >/dev/null 2>&1 || echo "xv6-wasm setup: qemu-system-misc not installed; QEMU comparisons will be skipped" >&2
exit 0
