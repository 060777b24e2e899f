// The QEMU command line that matches our machine: `virt`, no firmware unless
// asked (-bios none: the kernel starts in M-mode at RAM base, as ours does), the
// modern virtio-mmio transport, the disk on the first virtio slot, and the
// console on stdio. The bench and the tests that compare with QEMU all
// build it here, and ask here whether QEMU is installed at all.
import { spawnSync } from 'node:child_process';

export const QEMU = 'qemu-system-riscv64';

export function qemuInstalled(): boolean {
  return spawnSync(QEMU, ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface QemuMachine {
  kernel: string;
  /** Firmware that starts `kernel` as its next stage (-bios); default none. */
  bios?: string;
  cores: number;
  /** Guest RAM in bytes (default 128 MiB). */
  ramBytes?: number;
  /** Raw disk image for virtio-blk, or none. */
  disk?: string | null;
}

export function qemuArgv(m: QemuMachine): string[] {
  const args = [
    '-machine', 'virt', '-bios', m.bios ?? 'none', '-kernel', m.kernel,
    '-m', `${Math.round((m.ramBytes ?? 128 * 2 ** 20) / 2 ** 20)}M`, '-smp', String(m.cores),
    '-display', 'none', '-serial', 'stdio', '-monitor', 'none',
    '-global', 'virtio-mmio.force-legacy=false',
  ];
  if (m.disk) {
    args.push('-drive', `file=${m.disk},if=none,format=raw,id=x0`, '-device', 'virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0');
  }
  return args;
}
