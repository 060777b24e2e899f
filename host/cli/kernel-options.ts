// The commands that boot our kernel (`boot`, `tui`): which kernel and which
// disk, both defaulting to what the build makes, then the machine options,
// checked and loaded before the front end runs. `boot` also takes firmware
// (--bios), which then starts the kernel as its next stage. Both take
// snapshots (Ctrl-A s, into --snapshot) and go on from one (--restore);
// `boot` also takes a GDB stub (--gdb).
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { checkDiskFits } from '../machine/disk-fits.js';
import { type ElfImage, readElfFile } from '../machine/elf.js';
import { readFirmwareBoot } from '../machine/firmware.js';
import { guest, projectRoot } from '../platform.js';
import type { RestoredMachine } from '../snapshot/restore.js';
import { addGdbOptions, gdbSettings, type GdbSettings, type RawGdbOptions } from './gdb-options.js';
import { addMachineOptions, machineSettings, releasingDiskOnError, type MachineSettings, type RawMachineOptions } from './machine-options.js';
import { restoreSettings } from './restore-options.js';
import { runCommandBody } from './user-errors.js';

export interface KernelCommandOptions extends RawMachineOptions, RawGdbOptions {
  kernel: string;
  disk: string;
  bios?: string;
  snapshot?: string;
  restore?: string;
}

export interface KernelRun extends MachineSettings {
  file: string;
  /** What the harts start: the kernel, or the firmware when `next` is set. */
  image: ElfImage;
  /** With --bios: the kernel, as the firmware's next stage. */
  next?: ElfImage;
  /** Where Ctrl-A s saves the machine. */
  snapshotPath: string;
  /** With --restore: the machine to go on from. */
  restored?: RestoredMachine;
  /** --gdb, for the commands that take it. */
  gdb?: GdbSettings;
}

const BIOS_HELP = `firmware started at 0x${guest.RAM_BASE.toString(16)} in M-mode on every hart (e.g. OpenSBI fw_dynamic, ELF or raw), `
  + 'told to start the kernel in S-mode (an ELF, or a raw image at the next 2 MiB boundary past the firmware); none: start the kernel itself';

export function kernelCommand(name: string, description: string, body: (run: KernelRun) => Promise<number>, takes: { bios?: boolean; gdb?: boolean } = {}): Command {
  const cmd = new Command(name)
    .description(description)
    .addOption(new Option('--kernel <file>', takes.bios ? 'kernel ELF (after --bios: an ELF or a raw image)' : 'kernel ELF').default(join(projectRoot, 'build/kernel/kernel'), 'build/kernel/kernel'))
    .addOption(new Option('--disk <file>', 'disk image for the virtio block device (with --restore: where the saved disk is put back, default the image it was taken from)').default(join(projectRoot, 'build/fs.img'), 'build/fs.img'));
  if (takes.bios) cmd.addOption(new Option('--bios <file>', BIOS_HELP));
  addMachineOptions(cmd);
  cmd.addOption(new Option('--snapshot <file>', 'where Ctrl-A s saves a snapshot of the machine (default: the disk image\'s name + .snap)'))
    .addOption(new Option('--restore <file>', 'go on from a snapshot instead of booting: harts, RAM, devices and the disk as they were'));
  if (takes.gdb) addGdbOptions(cmd);
  return cmd.action((opts: KernelCommandOptions, self: Command) =>
    runCommandBody(opts.restore ?? opts.kernel, async () => {
      const gdb = gdbSettings(opts, opts.kernel);
      if (opts.restore !== undefined) {
        const run = restoreSettings(opts, (option) => self.getOptionValueSource(option) === 'cli');
        return body({ ...run, file: opts.restore, gdb });
      }
      const settings = { ...machineSettings(opts), gdb };
      const snapshotPath = opts.snapshot ?? `${opts.disk}.snap`;
      return body({ ...settings, snapshotPath, ...releasingDiskOnError(settings.disk, () => loadKernel(opts, settings)) });
    }));
}

function loadKernel(opts: KernelCommandOptions, settings: MachineSettings): Pick<KernelRun, 'file' | 'image' | 'next'> {
  if (settings.disk) checkDiskFits(settings.disk);
  if (opts.bios !== undefined && opts.bios !== 'none') {
    const { firmware, next } = readFirmwareBoot(opts.bios, opts.kernel, settings.ramBytes);
    return { file: opts.kernel, image: firmware, next };
  }
  return { file: opts.kernel, image: readElfFile(opts.kernel) };
}
