// How `xv6-wasm run` reports a program's end: the HTIF tohost word and the
// QEMU test finisher both turn a failed check n into exit code n and the
// words "failed test n"; --max-insns stops a program that never ends.
import { describe, expect, it } from 'vitest';
import { runOurs } from './machines.js';

describe('xv6-wasm run: how programs end', () => {
  it('tohost = 1 exits 0', async () => {
    const r = await runOurs('tohost_pass');
    expect(r.code, r.stderr).toBe(0);
  });

  it('tohost = (7 << 1) | 1 exits 7 with "failed test 7"', async () => {
    const r = await runOurs('tohost_fail7');
    expect(r.code).toBe(7);
    expect(r.stdout + r.stderr).toContain('failed test 7');
  });

  it('the finisher with FAIL | 7 << 16 exits 7 with "failed test 7"', async () => {
    const r = await runOurs('finisher_fail7');
    expect(r.code).toBe(7);
    expect(r.stdout + r.stderr).toContain('failed test 7');
    // The program's own report on UART0 reaches stdout.
    expect(r.stdout).toContain('rvtest: failed check 7');
  });

  it('--max-insns stops a program that never finishes, with exit 2', async () => {
    const r = await runOurs('hang', { maxInsns: 1_000_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/max-insns|instructions/);
  });
});
