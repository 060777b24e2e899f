// `xv6-wasm run prog.elf`: a bare-metal RV64 program on the machine, started
// at its ELF entry on every hart in M-mode, until it reports through its HTIF
// `tohost` word or the test finisher, or until --max-insns.
import { Command, Option } from 'commander';
import { readElfFile } from '../../machine/elf.js';
import { parseCount } from '../../machine/options.js';
import { launch } from '../launch.js';
import { addGdbOptions, gdbSettings, type RawGdbOptions } from '../gdb-options.js';
import { addMachineOptions, machineSettings, releasingDiskOnError, type RawMachineOptions } from '../machine-options.js';
import { runCommandBody } from '../user-errors.js';

interface RunOptions extends RawMachineOptions, RawGdbOptions {
  maxInsns?: string;
  trace?: boolean;
}

export function runCommand(): Command {
  const cmd = new Command('run')
    .description('run a bare-metal RV64 ELF program until it writes tohost (HTIF) or the test finisher')
    .argument('<program>', 'RV64 ELF executable, loaded at its physical addresses')
    .addOption(new Option('--disk <file>', 'disk image for the virtio block device'))
    .addOption(new Option('--max-insns <n>', 'give up once a hart has retired this many instructions, and exit 2'))
    .addOption(new Option('--trace', 'print every retired instruction: hart, pc, raw instruction, disassembly, written register'));
  addMachineOptions(cmd);
  addGdbOptions(cmd);
  return cmd.action((program: string, opts: RunOptions) =>
    runCommandBody(program, async () => {
      const maxInsns = opts.maxInsns === undefined ? 0 : parseCount(opts.maxInsns);
      const gdb = gdbSettings(opts, program);
      const settings = machineSettings(opts);
      const image = releasingDiskOnError(settings.disk, () => readElfFile(program));
      return launch({ ...settings, file: program, image, htif: true, maxInsns, trace: opts.trace === true, gdb });
    }));
}
