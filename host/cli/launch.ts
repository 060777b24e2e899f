// Runs a loaded program on a new machine with the terminal as UART0, and
// turns the way the machine stopped into the emulator's exit status and a
// message. Shared by `run` and `boot`.
import { SerialLink } from '../console/serial-link.js';
import { Terminal } from '../console/terminal.js';
import type { ElfImage } from '../machine/elf.js';
import { Machine, type MachineResult } from '../machine/machine.js';
import { StopReason } from '../machine/power.js';
import type { MachineSettings } from './machine-options.js';
import { formatStats } from './stats.js';

export interface LaunchOptions extends MachineSettings {
  /** The program's file name, for messages. */
  file: string;
  image: ElfImage;
  htif: boolean;
  maxInsns: number;
  trace: boolean;
}

const say = (line: string) => process.stderr.write(`xv6-wasm: ${line}\n`);

export async function launch(o: LaunchOptions): Promise<number> {
  let link: SerialLink | null = null;
  let outputClosed = false;
  // The end of what the guest printed, to name a kernel panic on stderr.
  let recent = '';
  const decoder = new TextDecoder();
  const write = (bytes: Uint8Array | string) => { if (!outputClosed) process.stdout.write(bytes); };
  // Only the console counts: trace lines are many and never a panic.
  const consoleWrite = (bytes: Uint8Array) => {
    recent = (recent + decoder.decode(bytes, { stream: true })).slice(-4096);
    write(bytes);
  };
  const machine = await Machine.create({
    cores: o.cores, ramBytes: o.ramBytes, image: o.image, disk: o.disk,
    htif: o.htif, maxInsns: o.maxInsns, trace: o.trace,
    traceOut: (text) => write(text),
    note: say,
    onWake: () => link?.pump(),
  });
  // Whoever reads our output went away (`boot | head`): stop the guest
  // quietly, as a shell pipeline expects, instead of dying on EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    outputClosed = true;
    machine.stop(StopReason.OutputClosed, 0);
  });
  link = new SerialLink(machine.consoles[0], consoleWrite);
  const terminal = new Terminal({
    input: (bytes) => link?.send(bytes),
    quit: () => machine.stop(StopReason.UserQuit, 0),
  });
  terminal.attach();
  let result: MachineResult;
  try {
    result = await machine.run();
  } finally {
    terminal.detach();
  }
  if (o.stats) process.stderr.write(formatStats(result.instret, result.seconds));
  return exitStatus(result, o, lastPanic(recent));
}

/** The last "panic: ..." line the guest printed, if any. */
function lastPanic(text: string): string | null {
  const all = [...text.matchAll(/panic: ([^\r\n]*)/g)];
  return all.length ? all[all.length - 1][0] : null;
}

function exitStatus(r: MachineResult, o: LaunchOptions, panic: string | null): number {
  const code = Math.min(r.exitCode, 255);
  switch (r.reason) {
    case StopReason.PowerOff:
      // A bare-metal program (`run`) reports a failed check through the
      // finisher just as through tohost; a kernel (`boot`) just fails.
      if (r.exitCode !== 0) {
        say(o.htif ? `${o.file}: failed test ${r.exitCode} (test finisher)`
          : `the guest powered off with failure code ${r.exitCode}${panic ? ` after a kernel ${panic}` : ''}`);
      }
      return code;
    case StopReason.Htif:
      if (r.exitCode !== 0) say(`${o.file}: failed test ${r.exitCode}`);
      return code;
    case StopReason.InsnLimit:
      say(`${o.file}: stopped after --max-insns ${o.maxInsns} instructions without finishing`);
      return 2;
    case StopReason.UserQuit:
      say('terminated by Ctrl-A x');
      return code;
    case StopReason.OutputClosed:
      return code;
    default:
      return code === 0 ? 70 : code;
  }
}
