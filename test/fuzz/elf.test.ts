// Mutated ELF files through `run`: most in-process through what `run` does
// before the machine starts (the ELF loader and its placement checks, with
// errors mapped as the CLI maps them), a sample through the real CLI with an
// instruction limit. XV6_LONG=1 runs ten times more.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { describeFailure } from '../../host/cli/user-errors.js';
import { checkFitsRam, parseElf } from '../../host/machine/elf.js';
import { guest, projectRoot } from '../../host/platform.js';
import { xv6 } from '../cli/cli.js';
import { mutateElf } from './elf-mutations.js';
import { expectCliEnd, expectOneLineEnd } from './outcome.js';
import { fuzzSeed, Random } from './random.js';

const long = process.env.XV6_LONG === '1';
const IN_PROCESS = long ? 10_000 : 1000;
const THROUGH_CLI = long ? 300 : 30;
const RAM = 128 * 1024 * 1024;

const bases = ['rv64i', 'rv64c', 'smp_hartid', 'sv39', 'finisher_fail7']
  .map((n) => readFileSync(join(projectRoot, `build/test/riscv/${n}.elf`)));
const dir = mkdtempSync(join(tmpdir(), 'xv6-fuzz-elf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mutated ELF files', () => {
  test(`${IN_PROCESS} through the loader in-process`, () => {
    const seed = fuzzSeed('elf in-process');
    const r = new Random(seed);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < IN_PROCESS; i++) {
      const { bytes, what } = mutateElf(r.pick(bases), r);
      const label = `seed ${seed} case ${i} (${what})`;
      let failure = { code: 0, line: '' };
      try {
        checkFitsRam(parseElf(bytes), guest.RAM_BASE, RAM);
      } catch (e) {
        failure = describeFailure('x.elf', e);
      }
      if (failure.code !== 0) expectOneLineEnd(failure.code, failure.line, label);
      const kind = failure.code === 0 ? 'loads' : failure.line.replace(/[0-9a-fx]{3,}|\d+/g, 'N').slice(0, 60);
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    }
    console.log(`[fuzz] elf in-process: ${IN_PROCESS} cases, ${outcomes.size} distinct outcomes; loads: ${outcomes.get('loads') ?? 0}`);
    expect(outcomes.size).toBeGreaterThan(5);
  });

  test(`${THROUGH_CLI} through \`xv6-wasm run\``, async () => {
    const seed = fuzzSeed('elf through run');
    const r = new Random(seed);
    for (let i = 0; i < THROUGH_CLI; i++) {
      const { bytes, what } = mutateElf(r.pick(bases), r);
      const file = join(dir, `case${i}.elf`);
      writeFileSync(file, bytes);
      const res = await xv6(['run', file, '--max-insns', '2M'], { timeoutMs: 20_000 });
      expectCliEnd(res, `seed ${seed} case ${i} (${what})`);
    }
  }, 600_000);
});
