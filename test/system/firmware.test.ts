// `boot --bios FW --kernel K` hands the machine to firmware as QEMU's virt
// does: Debian's OpenSBI (fw_dynamic, as an ELF and as a raw binary) starts
// Debian's S-mode U-Boot as its next stage, on 1 and 2 harts, here and on
// QEMU side by side. U-Boot must reach its prompt, find our disk with
// `virtio scan` (its size, and our file system's magic in block 1), and power
// the machine off through OpenSBI. Skipped when the packages are missing
// (qemu-system-data ships OpenSBI, u-boot-qemu ships U-Boot).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { QEMU, qemuArgv } from '../../host/machine/qemu-argv.js';
import { fs, projectRoot } from '../../host/platform.js';
import { Guest, scratch, type Target } from './fs-guest.js';
import { emulator, fsImage, qemu } from './session.js';

const OPENSBI = '/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic';
const UBOOT = '/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin';
const haveFirmware = existsSync(`${OPENSBI}.elf`) && existsSync(`${OPENSBI}.bin`) && existsSync(UBOOT);

const { dir, cleanup } = scratch();
afterAll(cleanup);

/** A machine that boots `fw` with U-Boot as its next stage. */
function withFirmware(on: Target, fw: string): Target {
  const argv = on === qemu
    ? (disk: string, cores: number) => [QEMU, ...qemuArgv({ kernel: UBOOT, bios: fw, cores, disk })]
    : (disk: string, cores: number) => [process.execPath, join(projectRoot, 'bin/xv6-wasm.js'), 'boot',
      '--bios', fw, '--kernel', UBOOT, '--disk', disk, '--cores', String(cores)];
  return { name: `${on.name} (${fw.endsWith('.bin') ? 'raw' : 'ELF'} OpenSBI)`, available: on.available && haveFirmware, argv };
}

const PROMPT = /=> $/;

/** Types a U-Boot command and returns what it printed up to the next prompt. */
async function uboot(g: Guest, line: string): Promise<string> {
  const from = g.output.length;
  g.type(line);
  await g.waitFor(PROMPT, 30_000, from + line.length);
  return g.output.slice(from).replace(/\r/g, '');
}

interface Case {
  name: string;
  target: Target;
  cores: number;
}

const cases: Case[] = [
  { fw: 'elf', on: emulator, cores: 1 },
  { fw: 'elf', on: emulator, cores: 2 },
  { fw: 'bin', on: emulator, cores: 1 },
  { fw: 'elf', on: qemu, cores: 1 },
  { fw: 'elf', on: qemu, cores: 2 },
].map(({ fw, on, cores }) => {
  const target = withFirmware(on, `${OPENSBI}.${fw}`);
  return { name: `${target.name}, ${cores} hart${cores > 1 ? 's' : ''}`, target, cores };
});

/** What `virtio info` printed, by case name, to compare the two machines. */
const infos = new Map<string, string>();

describe.each(cases)('OpenSBI and U-Boot: $name', ({ name, target, cores }) => {
  test.skipIf(!target.available)('U-Boot\'s prompt, virtio finds our disk, poweroff', async () => {
    const g = Guest.withCopy(target, fsImage, join(dir, `${name.replace(/\W+/g, '-')}.img`), cores);
    try {
      // Any key stops U-Boot's autoboot, which would try the disk, then the network.
      await g.waitFor(/Hit any key to stop autoboot/, 60_000);
      expect(g.output).toMatch(new RegExp(`Platform HART Count\\s*: ${cores}\\b`));
      expect(g.output).toMatch(/Domain0 Next Address\s*: 0x0*80200000/);
      expect(g.output).toMatch(/Domain0 Next Mode\s*: S-mode/);
      g.type('');
      await g.waitFor(PROMPT, 30_000);

      await uboot(g, 'virtio scan');
      const info = await uboot(g, 'virtio info');
      expect(info).toMatch(/QEMU VirtIO Block Device/);
      expect(info).toContain(`(${statSync(g.disk).size / 512} x 512)`);
      infos.set(name, info);

      // Block 1 of our file system is its superblock.
      const perBlock = fs.FS_BSIZE / 512;
      expect(await uboot(g, `virtio read 0x84000000 ${perBlock} ${perBlock}`)).toMatch(/blocks read: OK/);
      expect(await uboot(g, 'md.l 0x84000000 1')).toContain(`84000000: ${fs.FS_MAGIC.toString(16).padStart(8, '0')}`);

      // U-Boot asks OpenSBI (SBI system reset), which writes the test finisher.
      g.type('poweroff');
      const t = setTimeout(() => g.kill(), 30_000);
      expect(await g.exited).toBe(0);
      clearTimeout(t);
    } finally {
      g.kill();
    }
  }, 120_000);
});

test.skipIf(!cases.every((c) => c.target.available))('U-Boot sees the same disk on both machines', () => {
  const seen = new Set(cases.map((c) => infos.get(c.name)));
  expect(seen.size).toBe(1);
});

describe.skipIf(!emulator.available)('without --bios', () => {
  test.each([{ bios: 'none', as: '--bios none' }, { bios: undefined, as: 'no --bios' }])('$as: our kernel starts itself in M-mode, as before', async ({ bios }) => {
    const target: Target = { ...emulator, argv: (disk, cores) => [...emulator.argv(disk, cores), ...(bios ? ['--bios', bios] : [])] };
    const g = Guest.withCopy(target, fsImage, join(dir, `plain-${bios}.img`), 1);
    try {
      await g.waitFor(/\$ $/, 60_000);
      expect(await g.run('echo hello')).toMatch(/hello/);
      expect(await g.halt()).toBe(0);
    } finally {
      g.kill();
    }
  }, 120_000);
});
