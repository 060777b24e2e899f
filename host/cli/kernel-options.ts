// The commands that boot our kernel (`boot`, `tui`): which kernel and which
// disk, both defaulting to what the build makes, then the machine options,
// checked and loaded before the front end runs.
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { checkDiskFits } from '../machine/disk-fits.js';
import { type ElfImage, readElfFile } from '../machine/elf.js';
import { projectRoot } from '../platform.js';
import { addMachineOptions, machineSettings, type MachineSettings, type RawMachineOptions } from './machine-options.js';
import { runCommandBody } from './user-errors.js';

interface KernelCommandOptions extends RawMachineOptions {
  kernel: string;
}

export interface KernelRun extends MachineSettings {
  file: string;
  image: ElfImage;
}

export function kernelCommand(name: string, description: string, body: (run: KernelRun) => Promise<number>): Command {
  const cmd = new Command(name)
    .description(description)
    .addOption(new Option('--kernel <file>', 'kernel ELF').default(join(projectRoot, 'build/kernel/kernel'), 'build/kernel/kernel'))
    .addOption(new Option('--disk <file>', 'disk image for the virtio block device').default(join(projectRoot, 'build/fs.img'), 'build/fs.img'));
  addMachineOptions(cmd);
  return cmd.action((opts: KernelCommandOptions) =>
    runCommandBody(opts.kernel, async () => {
      const settings = machineSettings(opts);
      if (settings.disk) checkDiskFits(settings.disk);
      const image = readElfFile(opts.kernel);
      return body({ ...settings, file: opts.kernel, image });
    }));
}
