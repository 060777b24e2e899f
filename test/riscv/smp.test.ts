// Several harts over one memory: hart ids, atomics, an LR/SC lock, IPIs,
// per-hart timers, and the device tree every hart is handed (test/qemu runs
// the same ones on QEMU).
import { describe, it } from 'vitest';
import { passesHere } from './in-process.js';
import { smp } from './programs.js';

describe('multi-hart programs on xv6-wasm', () => {
  for (const p of smp.programs) {
    it(`${p.name} on ${p.cores} harts`, () => passesHere(p));
  }
});
