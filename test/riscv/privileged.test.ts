// Traps, privilege modes, Sv39 and interrupts, one bare-metal program each,
// on our emulator and (when installed) on QEMU.
import { describe, it } from 'vitest';
import { expectPass, hasQemu, runOurs, runQemu, type Program } from './machines.js';

const programs: Program[] = [
  { name: 'traps' }, { name: 'privilege' }, { name: 'sv39' }, { name: 'sv39_perm' },
  { name: 'irq' }, { name: 'irq_s' }, { name: 'mip_seip' }, { name: 'pmp' },
];
/** Where QEMU 7.2 departs from the spec: run on ours alone. */
const oursOnly: Program[] = [{ name: 'pmp_cut' }];

describe('privileged architecture on xv6-wasm', () => {
  for (const p of [...programs, ...oursOnly]) {
    it(p.name, async () => expectPass(p.name, 'xv6-wasm', await runOurs(p.name, p)));
  }
});

describe.skipIf(!hasQemu)('privileged architecture on QEMU', () => {
  for (const p of programs) {
    it(p.name, async () => expectPass(p.name, 'QEMU', await runQemu(p.name, p)));
  }
});
