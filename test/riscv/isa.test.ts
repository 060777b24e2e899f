// The unprivileged instruction sets and the counters, one bare-metal
// program each, on our emulator and (when installed) on QEMU, which must
// agree except where QEMU departs from the spec.
import { describe, it } from 'vitest';
import { expectPass, hasQemu, runOurs, runQemu, type Program } from './machines.js';

const programs: Program[] = [
  { name: 'rv64i' }, { name: 'rv64m' }, { name: 'rv64a' }, { name: 'rv64c' },
  { name: 'zicsr' }, { name: 'misaligned' },
];
// Where QEMU 7.2 departs from the spec: even with -icount it counts a
// minstret write's own instruction (csrwi minstret, 0 then reads 1), and
// without it the counters follow host time.
const oursOnly: Program[] = [{ name: 'counters' }];

describe('instruction sets on xv6-wasm', () => {
  for (const p of [...programs, ...oursOnly]) {
    it(p.name, async () => expectPass(p.name, 'xv6-wasm', await runOurs(p.name, p)));
  }
});

describe.skipIf(!hasQemu)('instruction sets on QEMU', () => {
  for (const p of programs) {
    it(p.name, async () => expectPass(p.name, 'QEMU', await runQemu(p.name, p)));
  }
});
