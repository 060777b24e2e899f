// A snapshot in memory: what capture.ts copies out of a held machine and
// writer.ts stores, and what reader.ts gives back for restore.ts. The saved
// memory is the machine's own state region (CONTROL_BASE up to DECODE_BASE:
// the machine-wide words, every hart's block, CLINT, PLIC, UARTs, virtio)
// and guest RAM; the decode caches and PAGEGEN are left out, since fresh
// cores rebuild them.
import { createHash } from 'node:crypto';
import type { ElfImage } from '../machine/elf.js';
import { control, guest, hart, hartsave, wasm } from '../platform.js';
import type { MachineConfig } from './format.js';

export const STATE_BASE = wasm.CONTROL_BASE;
export const STATE_END = wasm.DECODE_BASE;

/** What the main thread held for one console when the snapshot was taken. */
export interface ConsoleHostState {
  /** Typed or sent, not yet taken by the guest. */
  input: Uint8Array;
  /** Taken from the guest, not yet delivered (a socket with no client). */
  output: Uint8Array;
  /** The last of what the console showed, to paint its screen again. */
  screen: Uint8Array;
}

export interface MachineSnapshot {
  machine: MachineConfig;
  /** Guest time at the hold, in mtime ticks. */
  mtime: number;
  taken: Date;
  /** What the harts were started with; [1] is firmware's next stage. */
  program: ElfImage[];
  /** STATE_BASE up to STATE_END. */
  state: Uint8Array;
  ram: Uint8Array;
  disk: Uint8Array | null;
  /** Index k is UART k. */
  consoles: ConsoleHostState[];
}

/**
 * Names the memory layout the state region follows: the platform table's
 * sections that place it. A snapshot from a build whose table differs is
 * refused rather than restored into the wrong places. (The layouts inside
 * the device blocks are the host's own: changing one bumps FORMAT_VERSION.)
 */
export function layoutId(): string {
  const placed = { guest, wasm, hart, hartsave, control };
  return createHash('sha256').update(JSON.stringify(placed)).digest('hex').slice(0, 16);
}
