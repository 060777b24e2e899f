// The bare-metal programs that check the core, by area, with the harts and
// instruction budget each needs. Each list holds those QEMU must pass too
// (test/qemu compares); `oursOnly` where QEMU 7.2 departs from the spec.
import type { Program } from './machines.js';

export const isa = {
  programs: [
    { name: 'rv64i' }, { name: 'rv64m' }, { name: 'rv64a' }, { name: 'rv64c' },
    { name: 'zicsr' }, { name: 'misaligned' },
  ] as Program[],
  // Even with -icount QEMU counts a minstret write's own instruction
  // (csrwi minstret, 0 then reads 1), and without it the counters follow host time.
  oursOnly: [{ name: 'counters' }] as Program[],
};

export const privileged = {
  programs: [
    { name: 'traps' }, { name: 'privilege' }, { name: 'sv39' }, { name: 'sv39_perm' },
    { name: 'irq' }, { name: 'irq_s' }, { name: 'mip_seip' }, { name: 'pmp' },
  ] as Program[],
  // QEMU checks PMP only where a run of fetches starts.
  oursOnly: [{ name: 'pmp_cut' }] as Program[],
};

export const smp = {
  programs: [
    { name: 'smp_hartid', cores: 4 },
    { name: 'smp_amo', cores: 4, maxInsns: 2_000_000_000 },
    { name: 'smp_lock', cores: 4, maxInsns: 2_000_000_000 },
    { name: 'smp_ipi', cores: 4, maxInsns: 2_000_000_000 },
    { name: 'smp_timer', cores: 4 },
    { name: 'fdt', cores: 2 },
    { name: 'smp_budget', cores: 2, maxInsns: 5_000_000 },
  ] as Program[],
};

// What the interpreter keeps between instructions (decoded pages, TLB
// entries of several address spaces) against the cases that would show a
// stale copy.
export const caches = {
  programs: [{ name: 'code_edges' }, { name: 'smc' }, { name: 'tlb_asid' }] as Program[],
};

/** Ten thousand TLB flushes across the context numbers' wrap: a fault shows only under load. */
export const tlbGen: Program = { name: 'tlb_gen', maxInsns: 50_000_000 };
