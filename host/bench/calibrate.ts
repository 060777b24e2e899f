// Checks that guest instructions are counted exactly: runs bench/count.S,
// whose count is known by construction (its count_expected symbol), on one
// hart and compares with what the hart's instret says.
import { join } from 'node:path';
import { readElfFile } from '../machine/elf.js';
import { Machine } from '../machine/machine.js';
import { guest, projectRoot } from '../platform.js';

export interface Calibration {
  expected: number;
  retired: number;
}

export async function calibrate(): Promise<Calibration> {
  const image = readElfFile(join(projectRoot, 'build/bench/count.elf'));
  const expected = image.symbols.get('count_expected');
  if (expected === undefined) throw new Error('build/bench/count.elf has no count_expected symbol');
  const machine = await Machine.create({
    cores: 1, ramBytes: guest.RAM_DEFAULT_MB * 1048576, image, disk: null,
    htif: false, maxInsns: 0, trace: false,
  });
  const result = await machine.run();
  if (result.exitCode !== 0) throw new Error(`the counting program failed with code ${result.exitCode}`);
  return { expected, retired: result.instret[0] };
}
