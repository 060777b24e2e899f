// What the interpreter keeps between instructions (decoded pages, TLB
// entries of several address spaces) against the cases that would show a
// stale copy: code at page edges and across them, code rewritten after it
// ran, and one virtual address in two address spaces with ASID fences.
// On our emulator and, where installed, on QEMU, which must agree.
import { describe, it } from 'vitest';
import { expectPass, hasQemu, runOurs, runQemu, type Program } from './machines.js';

const programs: Program[] = [{ name: 'code_edges' }, { name: 'smc' }, { name: 'tlb_asid' }];

describe('interpreter caches on xv6-wasm', () => {
  for (const p of programs) {
    it(p.name, async () => expectPass(p.name, 'xv6-wasm', await runOurs(p.name, p)));
  }
});

describe.skipIf(!hasQemu)('interpreter caches on QEMU', () => {
  for (const p of programs) {
    it(p.name, async () => expectPass(p.name, 'QEMU', await runQemu(p.name, p)));
  }
});
