// `--restore FILE`: the machine a snapshot describes, checked against what
// the user asked for. Settings the user left alone come from the snapshot;
// one typed explicitly that differs (--cores, --mem, --readonly) is refused,
// since the saved harts, RAM and negotiated devices cannot change shape.
import type { DiskFile } from '../devices/device.js';
import type { ElfImage } from '../machine/elf.js';
import type { MachineRestore } from '../machine/machine.js';
import { SnapshotError } from './format.js';
import type { SnapshotFile } from './reader.js';
import { restoreDisk } from './restore-disk.js';
import type { ConsoleHostState } from './snapshot.js';

/** What the user typed; undefined for what they left to the snapshot. */
export interface RestoreAsked {
  cores?: number;
  ramBytes?: number;
  readonly?: boolean;
  disk?: string;
}

export interface RestoredMachine {
  cores: number;
  ramBytes: number;
  disk: DiskFile | null;
  image: ElfImage;
  next?: ElfImage;
  restore: MachineRestore;
  consoles: ConsoleHostState[];
}

const mib = (bytes: number) => (bytes % 2 ** 30 === 0 ? `${bytes / 2 ** 30}G` : `${bytes / 2 ** 20}M`);

export function checkCompatible(file: SnapshotFile, asked: RestoreAsked): void {
  const m = file.machine;
  const refuse = (why: string) => new SnapshotError(`${file.path}: ${why}`);
  if (asked.cores !== undefined && asked.cores !== m.cores) {
    throw refuse(`a machine with ${m.cores} hart${m.cores > 1 ? 's' : ''}, which --cores ${asked.cores} cannot restore`);
  }
  if (asked.ramBytes !== undefined && asked.ramBytes !== m.ramBytes) {
    throw refuse(`a machine with ${mib(m.ramBytes)} of RAM, which --mem ${mib(asked.ramBytes)} cannot restore`);
  }
  if (asked.readonly && m.disk && !m.disk.readonly) throw refuse('its disk was writable, which --readonly cannot restore');
  if (!m.disk && asked.disk !== undefined) throw refuse('a machine without a disk, so --disk has nothing to restore');
  if (file.program.length !== (m.firmware ? 2 : 1)) throw refuse('corrupt (its programs do not match its machine)');
}

/** Checks, then puts the disk back (restore-disk.ts): the last step that can fail. */
export function prepareRestore(file: SnapshotFile, asked: RestoreAsked): RestoredMachine {
  checkCompatible(file, asked);
  const m = file.machine;
  const saved = m.disk;
  const disk = saved ? restoreDisk(saved, file.disk()!, asked.disk) : null;
  return {
    cores: m.cores, ramBytes: m.ramBytes, disk,
    image: file.program[0], next: m.firmware ? file.program[1] : undefined,
    restore: { mtime: file.mtime, fill: (views) => file.fill(views.u8) },
    consoles: file.consoles,
  };
}
