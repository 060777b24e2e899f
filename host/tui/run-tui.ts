// `xv6-wasm tui` from start to exit: the machine `boot` would make, the TUI
// on this terminal instead of the plain console, and on the way out the
// terminal put back before anything is printed: notes, the panic report
// (message, hart and backtrace, which were only in a pane) and the same
// exit status as `boot`.
import { ConsoleTail, exitStatus } from '../cli/exit-status.js';
import type { KernelRun } from '../cli/kernel-options.js';
import { formatStats } from '../cli/stats.js';
import { diskCounters } from '../devices/virtio-blk.js';
import { Machine, type MachineResult } from '../machine/machine.js';
import { StopReason } from '../machine/power.js';
import { OptionError } from '../machine/options.js';
import { readPgroupTable } from '../pgroups/telemetry-reader.js';
import { Snapshotter } from '../snapshot/snapshotter.js';
import { TuiApp } from './app.js';
import { createScreen } from './screen.js';

export async function runTui(o: KernelRun): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new OptionError('tui needs a terminal on stdin and stdout; use `xv6-wasm boot` for pipes');
  }
  // Each console is drained by its pane; a socket draining it too would get half of it.
  if (o.serialPaths.length > 0) throw new OptionError('--serial-dir is for `boot`: the TUI shows every console in a pane');
  let app: TuiApp | null = null;
  // Written on stderr once the screen is gone; meanwhile it would tear the picture.
  const notes: string[] = [];
  const machine = await Machine.create({
    cores: o.cores, ramBytes: o.ramBytes, image: o.image, next: o.next, disk: o.disk, htif: false, maxInsns: 0, trace: false, jit: o.jit,
    note: (line) => notes.push(line),
    onWake: () => app?.pump(),
    restore: o.restored?.restore,
  });
  const snapshots = new Snapshotter(machine, o.snapshotPath, () => app?.consoleSet.hostState() ?? [], (line) => {
    notes.push(line);
    app?.notice(line);
  });
  const tails = machine.consoles.map(() => new ConsoleTail());
  const ui = createScreen();
  let result: MachineResult;
  try {
    app = new TuiApp({
      screen: ui.screen, uarts: machine.consoles, views: machine.views, nharts: o.cores,
      readTable: () => readPgroupTable(machine.views),
      disk: () => diskCounters(machine.memory),
      quit: () => void snapshots.settled().then(() => machine.stop(StopReason.UserQuit, 0)),
      snapshot: () => snapshots.take(),
      onOutput: (k, bytes) => tails[k].add(bytes),
    });
    if (o.restored) app.consoleSet.restoreHostState(o.restored.consoles);
    result = await machine.run();
    await snapshots.settled();
  } finally {
    app?.destroy();
    ui.restore();
  }
  for (const line of notes) process.stderr.write(`xv6-wasm: ${line}\n`);
  const panicked = tails.find((t) => t.panicLine() !== null) ?? null;
  if (panicked && result.exitCode !== 0) process.stderr.write(panicked.panicReport()!);
  if (o.stats) process.stderr.write(formatStats(result.instret, result.seconds, result.counters));
  return exitStatus(result, { file: o.file, htif: false, maxInsns: 0 }, panicked?.panicLine() ?? null);
}
