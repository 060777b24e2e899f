// Several harts over one memory: hart ids, atomics, an LR/SC lock, IPIs,
// per-hart timers, and the device tree every hart is handed.
import { describe, it } from 'vitest';
import { expectPass, hasQemu, runOurs, runQemu, type Program } from './machines.js';

const programs: Program[] = [
  { name: 'smp_hartid', cores: 4 },
  { name: 'smp_amo', cores: 4, maxInsns: 2_000_000_000 },
  { name: 'smp_lock', cores: 4, maxInsns: 2_000_000_000 },
  { name: 'smp_ipi', cores: 4, maxInsns: 2_000_000_000 },
  { name: 'smp_timer', cores: 4 },
  { name: 'fdt', cores: 2 },
  { name: 'smp_budget', cores: 2, maxInsns: 5_000_000 },
];

describe('multi-hart programs on xv6-wasm', () => {
  for (const p of programs) {
    it(`${p.name} on ${p.cores} harts`, async () => expectPass(p.name, 'xv6-wasm', await runOurs(p.name, p)));
  }
});

describe.skipIf(!hasQemu)('multi-hart programs on QEMU', () => {
  for (const p of programs) {
    it(`${p.name} on ${p.cores} harts`, async () => expectPass(p.name, 'QEMU', await runQemu(p.name, p)));
  }
});
