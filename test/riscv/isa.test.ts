// The unprivileged instruction sets, one bare-metal program each, on our
// emulator and (when installed) on QEMU, which must agree.
import { describe, it } from 'vitest';
import { expectPass, hasQemu, runOurs, runQemu, type Program } from './machines.js';

const programs: Program[] = [
  { name: 'rv64i' }, { name: 'rv64m' }, { name: 'rv64a' }, { name: 'rv64c' },
  { name: 'zicsr' }, { name: 'misaligned' },
];

describe('instruction sets on xv6-wasm', () => {
  for (const p of programs) {
    it(p.name, async () => expectPass(p.name, 'xv6-wasm', await runOurs(p.name, p)));
  }
});

describe.skipIf(!hasQemu)('instruction sets on QEMU', () => {
  for (const p of programs) {
    it(p.name, async () => expectPass(p.name, 'QEMU', await runQemu(p.name, p)));
  }
});
