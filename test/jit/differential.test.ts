// The JIT against the interpreter: random programs (random-program.ts) run
// with --jit off, with --jit eager (every page compiled at its first block
// end, with all it can reach) and with --jit on made to compile early (only
// what ran so far), and must end alike: the same registers, data, trap log (cause,
// epc, tval of every trap), code (one store rewrites an instruction) and
// instructions retired. XV6_FUZZ_SEED replays one seed.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../host/machine/machine.js';
import type { JitMode } from '../../host/jit/mode.js';
import { StopReason } from '../../host/machine/power.js';
import { wasm } from '../../host/platform.js';
import { fuzzSeed } from '../fuzz/random.js';
import { CODE, DATA, DATA_SIZE, DUMP, IMAGE_SIZE, LOG, LOG_SIZE, RAM_BASE, randomProgram, type Privilege } from './random-program.js';

interface Outcome {
  reason: StopReason;
  instret: number;
  compiled: number;
  regs: string;
  data: Buffer;
  log: string;
  code: Buffer;
}

async function runImage(image: Uint8Array, jit: JitMode): Promise<Outcome> {
  const machine = await Machine.create({
    cores: 1, ramBytes: 16 * 2 ** 20, disk: null, htif: false, maxInsns: 20_000_000, trace: false, jit,
    image: { entry: RAM_BASE, segments: [{ paddr: RAM_BASE, offset: 0, data: image, memsz: image.length }], headersEnd: 0, file: image, symbols: new Map() },
  });
  const result = await machine.run();
  const ram = (off: number, len: number) => Buffer.from(machine.views.u8.subarray(wasm.GUEST_RAM_BASE + off, wasm.GUEST_RAM_BASE + off + len));
  const hex = (b: Buffer) => Array.from({ length: b.length / 8 }, (_, i) => b.readBigUInt64LE(i * 8).toString(16)).join(' ');
  const log = ram(LOG, LOG_SIZE);
  const traps = Array.from({ length: LOG_SIZE / 24 }, (_, i) => log.subarray(i * 24, i * 24 + 24)).filter((t) => t.some((x) => x !== 0));
  return {
    reason: result.reason,
    instret: result.instret[0],
    compiled: result.jit.retired,
    regs: hex(ram(DUMP, 32 * 8)),
    data: ram(DATA, DATA_SIZE),
    log: traps.map(hex).join('\n'),
    code: ram(CODE, IMAGE_SIZE - CODE < 0x8000 ? IMAGE_SIZE - CODE : 0x8000),
  };
}

function expectSame(a: Outcome, b: Outcome, what: string): void {
  expect(b.reason, `${what}: how it stopped`).toBe(a.reason);
  expect(b.regs, `${what}: registers`).toBe(a.regs);
  expect(b.log, `${what}: traps`).toBe(a.log);
  expect(b.data.equals(a.data), `${what}: data`).toBe(true);
  expect(b.code.equals(a.code), `${what}: code`).toBe(true);
  expect(b.instret, `${what}: instructions retired`).toBe(a.instret);
}

const ROUNDS = Number(process.env.XV6_JIT_ROUNDS ?? 12);
/** Seeds that once found a bug, run every time after the random ones. */
const FOUND: Record<string, number[]> = {
  // A skip block over an entry the interpreter had asked for: the taken
  // branch landed at that entry, two instructions early, and instret fell
  // behind (jit/region.ts noCaseInsideSkips). The bare one found it before
  // the programs had CSR and interrupt cases (each seed now makes another
  // program); the paged one, an entry after a trap in a skipped load,
  // with them.
  bare: [3384686165],
  paged: [3763349218],
};

describe('the JIT against the interpreter', () => {
  const modes: [Privilege, string, string][] = [
    ['M', 'M-mode', 'bare'], ['S', 'S-mode under Sv39', 'paged'], ['U', 'U-mode under Sv39', 'user'],
  ];
  for (const [mode, title, name] of modes) {
    it(`agrees on random programs in ${title}`, async () => {
      const base = fuzzSeed(`jit differential ${name}`);
      let compiled = 0;
      let total = 0;
      const seeds = [...Array.from({ length: ROUNDS }, (_, i) => (base + i) >>> 0), ...(FOUND[name] ?? [])];
      for (const seed of seeds) {
        const image = randomProgram(seed, mode);
        const off = await runImage(image, 'off');
        expect(off.reason, `seed ${seed}: the program ends through the finisher`).toBe(StopReason.PowerOff);
        const eager = await runImage(image, 'eager');
        expectSame(off, eager, `seed ${seed}, eager`);
        process.env.XV6_JIT_THRESHOLD = '20';
        process.env.XV6_JIT_WARMUP = '0';
        try {
          expectSame(off, await runImage(image, 'on'), `seed ${seed}, on`);
        } finally {
          delete process.env.XV6_JIT_THRESHOLD;
          delete process.env.XV6_JIT_WARMUP;
        }
        compiled += eager.compiled;
        total += eager.instret;
      }
      console.log(`[jit] ${(100 * compiled / total).toFixed(1)}% of ${total} instructions ran compiled`);
      // The comparison means something only if compiled code ran.
      expect(compiled).toBeGreaterThan(0);
    }, 120_000);
  }
});
