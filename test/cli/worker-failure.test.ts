// A failure inside a hart's thread (a core bug, here a core that traps on its
// first run) ends the emulator with one line and a non-zero status: it never
// hangs and never prints a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { afterAll, expect, test } from 'vitest';
import { buildElf } from '../host/elf-bytes.js';
import { xv6 } from './cli.js';
import { wasm } from '../../host/platform.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-broken-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The core's exports (docs/ARCHITECTURE.md) with harmless bodies, except run().
const BROKEN_CORE = `(module
  (import "env" "memory" (memory ${wasm.GUEST_RAM_BASE / 65536} 65536 shared))
  (func (export "init") (param i32 i32 i32))
  (func (export "setPc") (param i32 i32))
  (func (export "getPcLo") (result i32) (i32.const 0))
  (func (export "getPcHi") (result i32) (i32.const 0))
  (func (export "setReg") (param i32 i32 i32))
  (func (export "getRegLo") (param i32) (result i32) (i32.const 0))
  (func (export "getRegHi") (param i32) (result i32) (i32.const 0))
  (func (export "run") (param i32) (result i32) (unreachable))
  (func (export "step") (param i32) (result i32) (i32.const 0))
  (func (export "saveState"))
  (func (export "loadState"))
  (func (export "setTrace") (param i32))
  (func (export "traceInsn") (result i32) (i32.const 0))
  (func (export "traceRd") (result i32) (i32.const 0))
  (func (export "traceRdLo") (result i32) (i32.const 0))
  (func (export "traceRdHi") (result i32) (i32.const 0))
  (func (export "tracePcLo") (result i32) (i32.const 0))
  (func (export "tracePcHi") (result i32) (i32.const 0))
  (func (export "setJit") (param i32 i32 i32))
  (func (export "jitTranslate") (param i32) (result i32) (i32.const 0))
  (func (export "jitArea") (result i32) (i32.const 0))
  (func (export "jitInstall") (param i32))
  (func (export "jitRetired") (result f64) (f64.const 0))
  (func (export "jitMarks") (result i32) (i32.const 0))
  (func (export "jitBase") (result i32) (i32.const 0))
  (func (export "jitRequestPage") (result i32) (i32.const 0))
  (func (export "jitRequestGen") (result i32) (i32.const 0))
  (func (export "jitAdopt") (param i32) (result i32) (i32.const 0)))`;

test('a hart thread that fails stops the machine with one line and exit 70', async () => {
  const mod = binaryen.parseText(BROKEN_CORE);
  mod.setFeatures(binaryen.Features.All);
  const core = join(dir, 'broken.wasm');
  writeFileSync(core, mod.emitBinary());
  mod.dispose();
  const elf = join(dir, 'prog.elf');
  writeFileSync(elf, buildElf({ entry: 0x8000_0000, segments: [{ paddr: 0x8000_0000, data: [0x6f, 0, 0, 0] }] }));

  process.env.XV6_WASM_CORE = core;
  try {
    const r = await xv6(['run', '--cores', '2', elf], { timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(70);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^xv6-wasm: internal error: hart \d: unreachable/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  } finally {
    delete process.env.XV6_WASM_CORE;
  }
});
