// `boot --restore FILE` and `tui --restore FILE`: the command line of a
// restore. The snapshot names the machine; what the user typed on top is
// only checked against it (host/snapshot/restore.ts), except what is the
// emulator's own (--serial-dir, --stats, --snapshot, --disk's place).
import { OptionError, parseCores, parseMem } from '../machine/options.js';
import { readSnapshot } from '../snapshot/reader.js';
import { prepareRestore, type RestoredMachine } from '../snapshot/restore.js';
import { hostSettings, type MachineSettings } from './machine-options.js';
import type { KernelCommandOptions } from './kernel-options.js';

export interface RestoreRun extends MachineSettings {
  image: RestoredMachine['image'];
  next?: RestoredMachine['next'];
  snapshotPath: string;
  restored: RestoredMachine;
}

/** `typed(option)`: whether the user gave it on the command line (not a default). */
export function restoreSettings(opts: KernelCommandOptions, typed: (option: string) => boolean): RestoreRun {
  const path = opts.restore!;
  if (typed('kernel') || opts.bios !== undefined) {
    throw new OptionError(`--restore ${path} brings its own programs in its RAM: leave out --kernel and --bios`);
  }
  const file = readSnapshot(path);
  const host = hostSettings(opts);
  const disk = typed('disk') ? opts.disk : undefined;
  const restored = prepareRestore(file, {
    cores: typed('cores') ? parseCores(opts.cores) : undefined,
    ramBytes: typed('mem') ? parseMem(opts.mem) : undefined,
    readonly: opts.readonly === true,
    disk,
  });
  const named = disk ?? file.machine.disk?.path ?? path.replace(/\.snap$/, '');
  return {
    ...host, cores: restored.cores, ramBytes: restored.ramBytes, disk: restored.disk,
    image: restored.image, next: restored.next, restored,
    snapshotPath: opts.snapshot ?? `${named}.snap`,
  };
}
