// Runs a loaded program on a new machine with the terminal as UART0, and
// turns the way the machine stopped into the emulator's exit status and a
// message. Shared by `run` and `boot`.
import { SerialDir } from '../console/serial-dir.js';
import { SerialLink } from '../console/serial-link.js';
import { Terminal } from '../console/terminal.js';
import { startGdbServer } from '../gdb/attach.js';
import type { GdbServer } from '../gdb/server.js';
import type { ElfImage } from '../machine/elf.js';
import { Machine, type MachineResult } from '../machine/machine.js';
import { StopReason } from '../machine/power.js';
import { OutputTail } from '../console/output-tail.js';
import type { RestoredMachine } from '../snapshot/restore.js';
import { Snapshotter } from '../snapshot/snapshotter.js';
import { ConsoleTail, exitStatus, say } from './exit-status.js';
import type { MachineSettings } from './machine-options.js';
import type { GdbSettings } from './gdb-options.js';
import { formatJitStats, formatStats } from './stats.js';

export interface LaunchOptions extends MachineSettings {
  /** The program's file name, for messages. */
  file: string;
  image: ElfImage;
  /** The firmware's next stage, when `image` is firmware (--bios). */
  next?: ElfImage;
  htif: boolean;
  maxInsns: number;
  trace: boolean;
  /** Where Ctrl-A s saves; without it the key does nothing. */
  snapshotPath?: string;
  /** Go on from a snapshot (host/snapshot/restore.ts) instead of booting. */
  restored?: RestoredMachine;
  /** --gdb: a GDB stub on this machine. */
  gdb?: GdbSettings;
}

export async function launch(o: LaunchOptions): Promise<number> {
  let link: SerialLink | null = null;
  let terminal: Terminal | null = null;
  let serial: SerialDir | null = null;
  let gdb: GdbServer | null = null;
  let outputClosed = false;
  // The end of what the guest printed, to name a kernel panic on stderr.
  const tail = new ConsoleTail();
  // What the terminal shows, for a snapshot to paint again.
  const screen = new OutputTail();
  const write = (bytes: Uint8Array | string) => { if (!outputClosed) process.stdout.write(bytes); };
  const consoleWrite = (bytes: Uint8Array) => {
    tail.add(bytes);
    screen.add(bytes);
    write(bytes);
  };
  const machine = await Machine.create({
    cores: o.cores, ramBytes: o.ramBytes, image: o.image, next: o.next, disk: o.disk,
    htif: o.htif, maxInsns: o.maxInsns, trace: o.trace, restore: o.restored?.restore, jit: o.jit,
    startHeld: o.gdb?.wait,
    traceOut: (text) => write(text),
    note: say,
    onWake: () => {
      if (link) {
        link.pump();
        terminal?.throttle(link.wantsInput());
      }
      serial?.pump();
      gdb?.poll();
    },
  });
  if (o.serialPaths.length > 0) serial = await SerialDir.open(o.serialPaths, machine.consoles);
  if (o.gdb) gdb = await startGdbServer(machine, o.cores, o.gdb, say);
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
  const snapshots = o.snapshotPath === undefined ? null : new Snapshotter(machine, o.snapshotPath, () => {
    const sockets = serial?.hostState() ?? [];
    return machine.consoles.map((_, k) => k === 0
      ? { input: uart0.heldInput(), output: new Uint8Array(0), screen: screen.bytes() }
      : { ...(sockets[k - 1] ?? { input: new Uint8Array(0), output: new Uint8Array(0) }), screen: new Uint8Array(0) });
  }, say);
  if (o.restored) {
    const [root, ...others] = o.restored.consoles;
    // A person at a terminal sees where they were; a script reading a pipe
    // gets only what the guest prints from here on.
    if (root) {
      screen.add(root.screen);
      if (process.stdout.isTTY) write(root.screen);
      uart0.send(root.input);
    }
    serial?.restoreHostState(others);
  }
  terminal = new Terminal({
    input: (bytes) => {
      uart0.send(bytes);
      terminal?.throttle(uart0.wantsInput());
    },
    quit: () => void (snapshots?.settled() ?? Promise.resolve()).then(() => machine.stop(StopReason.UserQuit, 0)),
    snapshot: () => snapshots?.take(),
  });
  terminal.attach();
  let result: MachineResult;
  try {
    result = await machine.run();
    // The guest powered off (or panicked) while a snapshot was being written: finish it.
    await snapshots?.settled();
  } finally {
    terminal.detach();
    serial?.close();
  }
  gdb?.close(result.exitCode);
  if (o.stats) process.stderr.write(formatStats(result.instret, result.seconds, result.counters) + formatJitStats(result.jit, result.instret));
  return exitStatus(result, o, tail.panicLine());
}

/** "no space left on device" from Node's "ENOSPC: no space left on device, write". */
function plainReason(e: Error): string {
  return e.message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+$/, '');
}
