// Bare-metal measurements that need no kernel: bench/count.S checks that
// guest instructions are counted exactly (its count is known by
// construction, in its count_expected symbol), bench/ipi.S times software
// interrupts between two parked harts.
import { join } from 'node:path';
import { readElfFile, type ElfImage } from '../machine/elf.js';
import { Machine, type MachineResult } from '../machine/machine.js';
import { guest, projectRoot } from '../platform.js';

export interface Calibration {
  expected: number;
  retired: number;
}

export interface IpiLatency {
  rounds: number;
  /** Mean round trip (there and back) in microseconds. */
  roundTripUs: number;
}

function symbol(image: ElfImage, name: string, file: string): number {
  const v = image.symbols.get(name);
  if (v === undefined) throw new Error(`${file} has no ${name} symbol`);
  return v;
}

async function runProbe(file: string, cores: number): Promise<{ image: ElfImage; machine: Machine; result: MachineResult }> {
  const image = readElfFile(join(projectRoot, file));
  const machine = await Machine.create({
    cores, ramBytes: guest.RAM_DEFAULT_MB * 1048576, image, disk: null, htif: false, maxInsns: 0, trace: false,
  });
  const result = await machine.run();
  if (result.exitCode !== 0) throw new Error(`${file} failed with code ${result.exitCode}`);
  return { image, machine, result };
}

export async function calibrate(): Promise<Calibration> {
  const file = 'build/bench/count.elf';
  const { image, result } = await runProbe(file, 1);
  return { expected: symbol(image, 'count_expected', file), retired: result.instret[0] };
}

export async function ipiRoundTrip(): Promise<IpiLatency> {
  const file = 'build/bench/ipi.elf';
  const { image, machine } = await runProbe(file, 2);
  const rounds = symbol(image, 'ipi_rounds', file);
  const at = machine.views.ramOffset(symbol(image, 'ipi_ticks', file), 8);
  const ticks = Number(new DataView(machine.memory.buffer).getBigUint64(at, true));
  return { rounds, roundTripUs: ticks / rounds / (guest.TIMEBASE_HZ / 1e6) };
}
