// The options `run` and `boot` share, as one table, and their conversion from
// what the user typed into a checked configuration. Values are validated in
// the command's action (not by commander) so that every mistake prints our
// own one-line message naming the accepted range.
import { Command, Option } from 'commander';
import { prepareSerialDir } from '../console/serial-dir.js';
import type { DiskFile } from '../devices/device.js';
import { closeDisk, openDisk } from '../machine/disk.js';
import { parseCores, parseMem } from '../machine/options.js';
import { guest } from '../platform.js';
import { DEFAULT_JIT, defaultJitMode, parseJitMode, type JitMode } from '../jit/mode.js';

interface OptionSpec {
  flags: string;
  help: string;
  defaultValue?: string;
}

const SHARED: OptionSpec[] = [
  { flags: '--cores <n>', help: 'number of harts, 1 to 8', defaultValue: '1' },
  { flags: '--mem <size>', help: 'guest RAM, e.g. 128M or 1G (16M to 2G)', defaultValue: '128M' },
  { flags: '--readonly', help: 'attach the disk read-only (the guest sees VIRTIO_BLK_F_RO)' },
  { flags: '--stats', help: 'print instructions retired, wall seconds and MIPS per hart on stderr at the end' },
  { flags: '--serial-dir <dir>', help: 'UART1..7 as Unix sockets DIR/uart1..DIR/uart7 (one client each; connect with socat or nc -U)' },
  { flags: '--jit <mode>', help: `compile hot guest code to WebAssembly: off, eager (every page at once) or on (default: $XV6_JIT or ${DEFAULT_JIT})` },
];

export function addMachineOptions(cmd: Command): Command {
  for (const spec of SHARED) {
    const o = new Option(spec.flags, spec.help);
    if (spec.defaultValue !== undefined) o.default(spec.defaultValue);
    cmd.addOption(o);
  }
  return cmd;
}

export interface RawMachineOptions {
  cores: string;
  mem: string;
  disk?: string;
  readonly?: boolean;
  stats?: boolean;
  serialDir?: string;
  jit?: string;
}

export interface MachineSettings {
  cores: number;
  ramBytes: number;
  disk: DiskFile | null;
  stats: boolean;
  /** Socket paths of UART1.. (--serial-dir), checked and free; empty without it. */
  serialPaths: string[];
  jit: JitMode;
}

/** The settings of the emulator around the machine, the same for a boot and a restore. */
export function hostSettings(raw: RawMachineOptions): Pick<MachineSettings, 'stats' | 'serialPaths' | 'jit'> {
  const jit = raw.jit === undefined ? defaultJitMode() : parseJitMode(raw.jit);
  const serialPaths = raw.serialDir === undefined ? [] : prepareSerialDir(raw.serialDir, guest.NUART);
  return { stats: raw.stats === true, serialPaths, jit };
}

/** Throws OptionError or DiskError with a message for the user. */
export function machineSettings(raw: RawMachineOptions): MachineSettings {
  const cores = parseCores(raw.cores);
  const ramBytes = parseMem(raw.mem);
  const host = hostSettings(raw);
  const disk = raw.disk === undefined ? null : openDisk(raw.disk, raw.readonly === true);
  return { cores, ramBytes, disk, ...host };
}

/** Runs `load` (reading the program, checking the disk); if it refuses, the
 *  disk is closed and unlocked at once rather than at exit, for the tests
 *  that run the CLI inside their own process. */
export function releasingDiskOnError<T>(disk: DiskFile | null, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (disk) closeDisk(disk);
    throw e;
  }
}
