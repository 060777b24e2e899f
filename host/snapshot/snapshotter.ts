// Ctrl-A s, for any front end (`boot`, the TUI): one snapshot at a time,
// captured (capture.ts) and then written (writer.ts) while the guest runs,
// with one line for the user when it is on disk or could not be. A quit
// waits for a snapshot being written, so Ctrl-A s then Ctrl-A x leaves a
// whole file behind.
import type { Machine } from '../machine/machine.js';
import { captureMachine } from './capture.js';
import type { ConsoleHostState } from './snapshot.js';
import { writeSnapshot } from './writer.js';

export interface SnapshotReport {
  path: string;
  bytes: number;
  /** The guest stood still this long (hold, copy, release). */
  heldMs: number;
  /** Of which copying. */
  copyMs: number;
  /** Compressing and writing, while the guest ran. */
  writeMs: number;
}

export function describeReport(r: SnapshotReport): string {
  const size = r.bytes >= 2 ** 20 ? `${(r.bytes / 2 ** 20).toFixed(1)} MiB` : `${Math.ceil(r.bytes / 1024)} KiB`;
  return `snapshot saved to ${r.path} (${size}; the guest stood still ${Math.round(r.heldMs)} ms, ${Math.round(r.copyMs)} of them copying; writing took ${Math.round(r.writeMs)} ms)`;
}

export class Snapshotter {
  private busy: Promise<void> | null = null;

  constructor(
    private readonly machine: Machine,
    readonly path: string,
    private readonly consoles: () => ConsoleHostState[],
    private readonly note: (line: string) => void,
  ) {}

  take(): void {
    if (this.busy) {
      this.note(`snapshot: still writing the last one to ${this.path}`);
      return;
    }
    this.busy = this.save().finally(() => { this.busy = null; });
  }

  /** Resolves once no snapshot is being taken or written. */
  settled(): Promise<void> {
    return this.busy ?? Promise.resolve();
  }

  private async save(): Promise<void> {
    try {
      const captured = await captureMachine(this.machine, this.consoles);
      if (!captured) {
        this.note('snapshot: the machine stopped before it could be taken');
        return;
      }
      const start = performance.now();
      const bytes = await writeSnapshot(this.path, captured.snapshot);
      this.note(describeReport({ path: this.path, bytes, heldMs: captured.heldMs, copyMs: captured.copyMs, writeMs: performance.now() - start }));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      this.note(`snapshot: cannot write ${this.path}: ${err.code ? err.message.replace(/^[A-Z0-9]+: /, '') : String(err.message ?? e)}`);
    }
  }
}
