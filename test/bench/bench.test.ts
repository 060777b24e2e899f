// `xv6-wasm bench` as a user runs it: a quick run that boots our kernel,
// runs workloads, counts instructions exactly and writes complete JSON.
// No timing is asserted: only that the figures exist and are consistent.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qemuInstalled } from '../../host/machine/qemu-argv.js';
import { xv6 } from '../cli/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xv6-wasm bench', () => {
  it('runs quick workloads on one and two harts and writes every figure as JSON', async () => {
    const json = join(dir, 'bench.json');
    const r = await xv6(['bench', '--quick', '--qemu', 'off', '--cores', '2', '--workloads', 'alu,sys', '--json', json], { timeoutMs: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/instruction counting: \d+ retired of \d+ known by construction \(exact\)/);

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.calibration.retired).toBe(report.calibration.expected);
    expect(report.ipi.rounds).toBe(1000);
    expect(report.ipi.roundTripUs).toBeGreaterThan(0);
    expect(report.host).toEqual(expect.objectContaining({ cpu: expect.any(String), hostCores: expect.any(Number), node: process.version }));
    expect(report.settings).toEqual({ runs: 1, quick: true, cores: 2, qemu: false, gdb: false, mem: 128 * 1048576 });

    const rows = report.rows.map((row: { workload: string; cores: number; copies: number }) => `${row.workload}/${row.cores}/${row.copies}`);
    expect(rows.sort()).toEqual(['alu/1/1', 'alu/2/1', 'alu/2/2', 'boot/1/1', 'boot/2/1', 'sys/1/1', 'sys/2/1', 'sys/2/2']);
    for (const row of report.rows) {
      expect(row.ours.seconds).toHaveLength(1);
      expect(row.ours.time.median).toBeGreaterThan(0);
      expect(row.ours.instret).toBeGreaterThan(0);
      expect(row.ours.mips).toBeGreaterThan(0);
      expect(row.qemu).toBeNull();
      expect(row.ratio).toBeNull();
    }
    const alu = (cores: number, copies: number) => report.rows.find((x: { workload: string; cores: number; copies: number }) => x.workload === 'alu' && x.cores === cores && x.copies === copies);
    // Two copies do twice the guest work of one: the counts say so, whatever the timing.
    expect(alu(2, 2).ours.instret / alu(1, 1).ours.instret).toBeCloseTo(2, 1);
    expect(alu(2, 2).scaling).toBeGreaterThan(0);
    expect(alu(2, 1).vsOneHart).toBeGreaterThan(0);
  });

  it.skipIf(!qemuInstalled())('runs the same workload on QEMU, interleaved, and gives the ratio per run', async () => {
    const json = join(dir, 'bench-qemu.json');
    const r = await xv6(['bench', '--quick', '--qemu', 'on', '--runs', '2', '--workloads', 'sys', '--json', json], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.host.qemu).toMatch(/^\d+\.\d+/);
    for (const row of report.rows) {
      expect(row.ours.seconds).toHaveLength(2);
      expect(row.qemu.seconds).toHaveLength(2);
      expect(row.ratio.min).toBeLessThanOrEqual(row.ratio.median);
      expect(row.ratio.median).toBeLessThanOrEqual(row.ratio.max);
      // QEMU's MIPS are our count of the same work over QEMU's time.
      expect(row.qemu.mips).toBeCloseTo(row.ours.instret / row.qemu.time.median / 1e6, 6);
    }
  });

  it('rejects a bad --qemu mode with one line', async () => {
    const r = await xv6(['bench', '--qemu', 'sometimes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("xv6-wasm: --qemu must be auto, on or off, not 'sometimes'\n");
  });

  it('rejects an unknown workload with one line', async () => {
    const r = await xv6(['bench', '--workloads', 'alu,nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^xv6-wasm: --workloads takes .*unknown: 'nope'\n$/);
  });
});
