// One booted guest that a benchmark types commands into: our emulator or
// QEMU, behind the same small interface so that both do the same work.
import { ConsoleLog } from './console-log.js';

export interface GuestSession {
  readonly side: 'ours' | 'qemu';
  readonly log: ConsoleLog;
  /** When the session was asked to start (performance.now()). */
  readonly startedAt: number;
  type(text: string): void;
  /** Guest instructions retired so far, over all harts; null where unknown (QEMU). */
  instret(): number | null;
  /** Powers the guest off (or kills it) and waits until it is gone. */
  close(): Promise<void>;
}

export interface SessionConfig {
  kernel: string;
  /** A fresh copy of the file-system image, owned by this session. */
  disk: string;
  cores: number;
  ramBytes: number;
  /** Ours only: with a GDB stub and a client attached (bench --gdb). */
  gdb?: boolean;
}

/** The shell's prompt at the start of a line. */
export const PROMPT = /(^|\n)\$ /;
