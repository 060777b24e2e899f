// What the main thread hands each hart's worker (as workerData), and the
// messages a worker sends back. Everything here must survive structured
// clone: the Module and the shared Memory do, and so does the rest.
import type { DiskFile } from '../devices/device.js';
import type { ClockStart } from './clock.js';
import type { JitModuleMessage, JitStats } from '../jit/code-cache.js';
import type { JitMode } from '../jit/mode.js';

export interface HartConfig {
  hartid: number;
  nharts: number;
  ramBytes: number;
  /** Guest physical address every hart starts at, in M-mode. */
  entry: number;
  /** Guest physical address of the device tree, passed in a1. */
  fdtAddr: number;
  /** Passed in a2: the fw_dynamic_info's address when firmware boots, else 0. */
  bootInfo: number;
  /** The mask ROM's contents (host/devices/mrom.ts), or null for no ROM. */
  rom: Uint8Array | null;
  /** mtime zero, shared by all harts. */
  clock: ClockStart;
  /** Instructions per run() call. */
  slice: number;
  /** Physical address of the HTIF `tohost` word, or -1 when the program has none. */
  tohost: number;
  /** Stop the machine once any hart has retired this many; 0 = no limit. */
  maxInsns: number;
  trace: boolean;
  /** Whether hot code is compiled (host/jit/mode.ts). */
  jit: JitMode;
  disk: DiskFile | null;
  nuarts: number;
  /** A restored snapshot: the hart resumes from the state in its block
   *  (resume.ts) instead of starting at `entry`, and guest time goes on
   *  from these mtime ticks once every hart is ready. Null for a power-on. */
  resumeAt: number | null;
}

export interface HartWorkerData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  config: HartConfig;
}

export type HartMessage =
  /** Trace lines, in order, each ending in a newline. */
  | { type: 'trace'; text: string }
  /** A line for the user (stderr), e.g. why the machine stopped. */
  | { type: 'note'; text: string }
  /** A host-side failure in this hart's thread. */
  | { type: 'error'; text: string }
  /** A module this hart compiled, for the main thread to pass to the others. */
  | JitModuleMessage
  /** What the JIT did on this hart, sent once before 'stopped'. */
  | { type: 'jit-stats'; stats: JitStats; retired: number }
  /** The hart left its run loop because the machine stops. */
  | { type: 'stopped' };
