// --gdb PORT and -S/--wait-gdb, for the commands that run a machine on the
// terminal (`boot`, `run`): checked here so that a mistake is our one line.
import { Command, Option } from 'commander';
import { OptionError } from '../machine/options.js';

export interface GdbSettings {
  /** TCP port on 127.0.0.1; 0 takes any free port (the message names it). */
  port: number;
  /** Every hart holds before its first instruction until GDB continues. */
  wait: boolean;
  /** The ELF whose symbols GDB wants, for the line that says how to attach. */
  symbols: string;
}

export interface RawGdbOptions {
  gdb?: string;
  waitGdb?: boolean;
}

export function addGdbOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--gdb <port>', 'listen for GDB (remote protocol) on 127.0.0.1:PORT; 0 picks a free port'))
    .addOption(new Option('-S, --wait-gdb', 'with --gdb: hold every hart before its first instruction until GDB continues'));
}

export function gdbSettings(raw: RawGdbOptions, symbols: string): GdbSettings | undefined {
  if (raw.gdb === undefined) {
    if (raw.waitGdb) throw new OptionError('-S/--wait-gdb needs --gdb PORT');
    return undefined;
  }
  const port = /^[0-9]{1,5}$/.test(raw.gdb) ? Number(raw.gdb) : -1;
  if (port < 0 || port > 65535) throw new OptionError(`--gdb takes a TCP port, 0 to 65535 (0: any free port), not '${raw.gdb}'`);
  return { port, wait: raw.waitGdb === true, symbols };
}
