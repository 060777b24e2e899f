// Guards for two core mechanisms whose faults show only under load:
// TLB flushes by context number (tlb_gen.S: ten thousand flushes, across
// the numbers' wrap) and a traced hart parking in WFI (trace_park.S under
// `run --trace` on two harts).
import { describe, expect, it } from 'vitest';
import { passesHere } from './in-process.js';
import { runOurs } from './machines.js';
import { tlbGen } from './programs.js';

describe('TLB invalidation across generation wraps', () => {
  it('tlb_gen on xv6-wasm', () => passesHere(tlbGen), 60_000);
});

describe('--trace with a hart parked in WFI', () => {
  it('hart 1 parks instead of tracing its WFI loop while hart 0 works', async () => {
    const r = await runOurs('trace_park', { cores: 2, maxInsns: 2_000_000, timeoutMs: 45_000, args: ['--trace'] });
    expect(r.timedOut, 'timed out').toBe(false);
    expect(r.code, `exit status; stderr:\n${r.stderr}`).toBe(0);
    const lines = r.stdout.split('\n');
    const hart0 = lines.filter((l) => l.startsWith('0 '));
    const hart1 = lines.filter((l) => l.startsWith('1 '));
    // Hart 0 traced its whole loop (3000 rounds of two instructions), so a
    // hart 1 spinning through WFI would have had all that time to show it.
    expect(hart0.length).toBeGreaterThan(6000);
    // Hart 1 got as far as its WFI, and then added nothing: start-up and the
    // park loop are about fifty instructions.
    expect(hart1.some((l) => / wfi\b/.test(l)), 'hart 1 never reached WFI').toBe(true);
    expect(hart1.length).toBeLessThan(100);
  }, 60_000);
});
