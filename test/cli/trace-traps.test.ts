// --trace shows each trap a hart takes as a line of its own (cause, tval,
// the pc it left, the modes, the handler), as QEMU's -d int does.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { formatTrapLine } from '../../host/machine/trap-line.js';
import { root, xv6 } from './cli.js';

test('a traced program shows its ecalls and faults as trap lines', async () => {
  const r = await xv6(['run', join(root, 'build/test/riscv/traps.elf'), '--trace'], { timeoutMs: 60_000 });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^0 trap ecall from U \(cause 8\) epc [0-9a-f]{16} tval 0{16}: U -> M at [0-9a-f]{16}$/m);
  expect(r.stdout).toMatch(/^0 trap illegal instruction \(cause 2\) epc [0-9a-f]{16} tval [0-9a-f]{16}: U -> M at /m);
  // The trap comes between the instruction that caused it and the handler's first.
  const lines = r.stdout.split('\n');
  const i = lines.findIndex((l) => / trap ecall from U /.test(l));
  const handler = lines[i].match(/at ([0-9a-f]{16})$/)![1];
  expect(lines[i + 1].split(' ')[1]).toBe(handler);
});

test('interrupts are named as interrupts', () => {
  expect(formatTrapLine(1, { cause: (1n << 63n) | 5n, tval: 0n, epc: 0x80001234n, target: 0x80000100n, from: 0, to: 1 }))
    .toBe('1 trap supervisor timer interrupt (cause interrupt 5) epc 0000000080001234 tval 0000000000000000: U -> S at 0000000080000100\n');
});
