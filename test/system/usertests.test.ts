// usertests -q, the kernel's own acceptance suite, passes on 1, 2, 4 and 8
// harts of our emulator and on QEMU with 1 and 2 harts (4 and 8 too with
// XV6_LONG=1), with no kernel panic on the way. Each run logs its time, so one test run
// compares the two machines.
import { afterEach, describe, it } from 'vitest';
import { Session, boot, emulator, expectSuitePasses, long, qemu } from './session.js';

const RUN_MS = 600_000;

const runs: { target: typeof emulator; cores: number }[] = [
  { target: emulator, cores: 1 },
  { target: emulator, cores: 2 },
  { target: emulator, cores: 4 },
  { target: emulator, cores: 8 },
  { target: qemu, cores: 1 },
  { target: qemu, cores: 2 },
  ...(long ? [{ target: qemu, cores: 4 }, { target: qemu, cores: 8 }] : []),
];

describe('usertests -q', () => {
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const { target, cores } of runs) {
    it.skipIf(!target.available)(`passes on ${target.name} with ${cores} hart${cores > 1 ? 's' : ''}`, async () => {
      s = await boot(target, cores);
      const at = await expectSuitePasses(s, `${target.name} usertests -q, ${cores} hart(s)`, 'usertests -q',
        /ALL TESTS PASSED|SOME TESTS FAILED.*\n/, 'ALL TESTS PASSED', RUN_MS);
      await s.guest.waitFor(/\$ $/, 30_000, at);
    }, RUN_MS + 180_000);
  }
});
