// Runs a loaded program on a new machine with the terminal as UART0, and
// turns the way the machine stopped into the emulator's exit status and a
// message. Shared by `run` and `boot`.
import { SerialDir } from '../console/serial-dir.js';
import { SerialLink } from '../console/serial-link.js';
import { Terminal } from '../console/terminal.js';
import type { ElfImage } from '../machine/elf.js';
import { Machine, type MachineResult } from '../machine/machine.js';
import { StopReason } from '../machine/power.js';
import { ConsoleTail, exitStatus, say } from './exit-status.js';
import type { MachineSettings } from './machine-options.js';
import { formatStats } from './stats.js';

export interface LaunchOptions extends MachineSettings {
  /** The program's file name, for messages. */
  file: string;
  image: ElfImage;
  /** The firmware's next stage, when `image` is firmware (--bios). */
  next?: ElfImage;
  htif: boolean;
  maxInsns: number;
  trace: boolean;
}

export async function launch(o: LaunchOptions): Promise<number> {
  let link: SerialLink | null = null;
  let terminal: Terminal | null = null;
  let serial: SerialDir | null = null;
  let outputClosed = false;
  // The end of what the guest printed, to name a kernel panic on stderr.
  const tail = new ConsoleTail();
  const write = (bytes: Uint8Array | string) => { if (!outputClosed) process.stdout.write(bytes); };
  const consoleWrite = (bytes: Uint8Array) => {
    tail.add(bytes);
    write(bytes);
  };
  const machine = await Machine.create({
    cores: o.cores, ramBytes: o.ramBytes, image: o.image, next: o.next, disk: o.disk,
    htif: o.htif, maxInsns: o.maxInsns, trace: o.trace,
    traceOut: (text) => write(text),
    note: say,
    onWake: () => {
      if (link) {
        link.pump();
        terminal?.throttle(link.wantsInput());
      }
      serial?.pump();
    },
  });
  if (o.serialPaths.length > 0) serial = await SerialDir.open(o.serialPaths, machine.consoles);
  // Whoever reads our output went away (`boot | head`): stop the guest
  // quietly, as a shell pipeline expects, instead of dying on EPIPE. Any
  // other failure to write (a full disk, an I/O error) stops it too, with
  // one line and a failure status: the console can no longer be shown.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (outputClosed) return;
    outputClosed = true;
    if (e.code !== 'EPIPE') say(`cannot write to standard output: ${plainReason(e)}`);
    machine.stop(StopReason.OutputClosed, e.code === 'EPIPE' ? 0 : 1);
  });
  const uart0 = new SerialLink(machine.consoles[0], consoleWrite);
  link = uart0;
  terminal = new Terminal({
    input: (bytes) => {
      uart0.send(bytes);
      terminal?.throttle(uart0.wantsInput());
    },
    quit: () => machine.stop(StopReason.UserQuit, 0),
  });
  terminal.attach();
  let result: MachineResult;
  try {
    result = await machine.run();
  } finally {
    terminal.detach();
    serial?.close();
  }
  if (o.stats) process.stderr.write(formatStats(result.instret, result.seconds));
  return exitStatus(result, o, tail.panicLine());
}

/** "no space left on device" from Node's "ENOSPC: no space left on device, write". */
function plainReason(e: Error): string {
  return e.message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+$/, '');
}
