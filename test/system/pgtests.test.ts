// pgtests -q, the pgroups' own suite run inside the guest, passes on 1, 2,
// 4 and 8 harts of our emulator and on QEMU with 1 and 2 harts (where the
// groups share UART0), with no kernel panic. XV6_LONG=1 runs the full set.
import { afterEach, describe, it } from 'vitest';
import { Session, boot, emulator, expectSuitePasses, long, qemu } from './session.js';

const RUN_MS = 600_000;
const args = long ? '' : ' -q';

const runs: { target: typeof emulator; cores: number }[] = [
  { target: emulator, cores: 1 },
  { target: emulator, cores: 2 },
  { target: emulator, cores: 4 },
  { target: emulator, cores: 8 },
  { target: qemu, cores: 1 },
  { target: qemu, cores: 2 },
];

describe(`pgtests${args}`, () => {
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const { target, cores } of runs) {
    it.skipIf(!target.available)(`passes on ${target.name} with ${cores} hart${cores > 1 ? 's' : ''}`, async () => {
      s = await boot(target, cores);
      await expectSuitePasses(s, `${target.name} pgtests${args}, ${cores} hart(s)`, `pgtests${args}`,
        /ALL PGTESTS PASSED|FAILED \d+ of \d+ pgtests/, 'ALL PGTESTS PASSED', RUN_MS);
    }, RUN_MS + 180_000);
  }
});
