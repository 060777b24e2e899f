// Taking a snapshot of a running machine: every hart holds between two
// run slices (host/machine/pause.ts), and while they stand still the state
// region, guest RAM and the disk image are copied as they are, with what
// the main thread holds for the consoles at that same instant. Then the
// harts go on; compressing and writing the copy (writer.ts) happens while
// the guest runs, so the guest stands still only for the copy.
import { readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DiskFile } from '../devices/device.js';
import type { Machine } from '../machine/machine.js';
import { guest, wasm } from '../platform.js';
import type { MachineConfig } from './format.js';
import { type ConsoleHostState, type MachineSnapshot, STATE_BASE, STATE_END } from './snapshot.js';

export interface Captured {
  snapshot: MachineSnapshot;
  /** From asking the harts to hold until they ran again. */
  heldMs: number;
  /** Of which the copy, once all held. */
  copyMs: number;
}

/** Resolves null when the machine stopped before every hart held. */
export async function captureMachine(machine: Machine, consoles: () => ConsoleHostState[]): Promise<Captured | null> {
  const o = machine.settings;
  const u8 = machine.views.u8;
  // The host's first write to each page of a new buffer costs a page fault,
  // several times what copying the page costs (measured: 120-400 ms for
  // 128 MiB against 25-60 ms): take the faults now, while the guest runs.
  const state = touched(STATE_END - STATE_BASE);
  const ram = touched(o.ramBytes);
  const disk = o.disk ? touched(o.disk.bytes) : null;
  const asked = performance.now();
  if (!(await machine.harts.hold())) return null;
  const held = performance.now();
  let snapshot: MachineSnapshot;
  try {
    state.set(u8.subarray(STATE_BASE, STATE_END));
    ram.set(u8.subarray(wasm.GUEST_RAM_BASE, wasm.GUEST_RAM_BASE + o.ramBytes));
    if (o.disk && disk) readWholeDisk(o.disk, disk);
    snapshot = {
      machine: machineConfig(machine), mtime: machine.harts.heldMtime(), taken: new Date(),
      program: [o.image, ...(o.next ? [o.next] : [])], state, ram, disk, consoles: consoles(),
    };
  } finally {
    await machine.harts.release();
  }
  const copyMs = performance.now() - held;
  return { snapshot, heldMs: performance.now() - asked, copyMs };
}

function machineConfig(machine: Machine): MachineConfig {
  const o = machine.settings;
  const disk = o.disk && { path: resolve(o.disk.path), bytes: o.disk.bytes, readonly: o.disk.readonly };
  return { cores: o.cores, ramBytes: o.ramBytes, nuarts: guest.NUART, disk, firmware: o.next !== undefined };
}

/** The image as the guest's last completed request left it: requests are
 *  served within a hart's slice, so none is half done while the harts hold. */
function readWholeDisk(disk: DiskFile, out: Uint8Array): void {
  for (let at = 0; at < out.length;) {
    const n = readSync(disk.fd, out, at, out.length - at, at);
    if (n === 0) throw new Error(`${disk.path}: ended after ${at} of ${out.length} bytes while taking a snapshot`);
    at += n;
  }
}

function touched(bytes: number): Uint8Array {
  return new Uint8Array(bytes).fill(0xff);
}
