// Fidelity: the bare-metal programs our core passes (test/riscv) pass on
// QEMU's virt machine too, so that a check agrees with real hardware's
// reference model and not only with our reading of the spec. Outside
// `npm run test:unit`, which runs our side alone.
import { describe, expect, it } from 'vitest';
import { expectPass, hasQemu, runQemu, type Program } from '../riscv/machines.js';
import { caches, isa, privileged, smp, tlbGen } from '../riscv/programs.js';

const label = (p: Program) => (p.cores ? `${p.name} on ${p.cores} harts` : p.name);
const passesOnQemu = async (p: Program) => expectPass(p.name, 'QEMU', await runQemu(p.name, p));

describe.skipIf(!hasQemu)('bare-metal programs on QEMU', () => {
  describe('instruction sets', () => {
    for (const p of isa.programs) it(label(p), () => passesOnQemu(p));
  });
  describe('privileged architecture', () => {
    for (const p of privileged.programs) it(label(p), () => passesOnQemu(p));
  });
  describe('multi-hart programs', () => {
    for (const p of smp.programs) it(label(p), () => passesOnQemu(p));
  });
  describe('interpreter caches', () => {
    for (const p of caches.programs) it(label(p), () => passesOnQemu(p));
  });
  it('tlb_gen: TLB invalidation across generation wraps', () => passesOnQemu(tlbGen), 60_000);

  it('finisher_fail7 exits 7 and says which check, as on ours', async () => {
    const r = await runQemu('finisher_fail7');
    expect(r.code).toBe(7);
    expect(r.stdout).toContain('rvtest: failed check 7');
  });
});
