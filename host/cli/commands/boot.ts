// `xv6-wasm boot`: the project's kernel (or --kernel) with its disk image on
// the terminal, until the guest powers off or the user types Ctrl-A x.
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { readElfFile } from '../../machine/elf.js';
import { projectRoot } from '../../platform.js';
import { launch } from '../launch.js';
import { addMachineOptions, machineSettings, type RawMachineOptions } from '../machine-options.js';
import { runCommandBody } from '../user-errors.js';

interface BootOptions extends RawMachineOptions {
  kernel: string;
}

export function bootCommand(): Command {
  const cmd = new Command('boot')
    .description('boot a kernel with UART0 on this terminal (Ctrl-A x quits, Ctrl-A h for help)')
    .addOption(new Option('--kernel <file>', 'kernel ELF').default(join(projectRoot, 'build/kernel/kernel'), 'build/kernel/kernel'))
    .addOption(new Option('--disk <file>', 'disk image for the virtio block device').default(join(projectRoot, 'build/fs.img'), 'build/fs.img'));
  addMachineOptions(cmd);
  return cmd.action((opts: BootOptions) =>
    runCommandBody(opts.kernel, async () => {
      const settings = machineSettings(opts);
      const image = readElfFile(opts.kernel);
      return launch({ ...settings, file: opts.kernel, image, htif: false, maxInsns: 0, trace: false });
    }));
}
