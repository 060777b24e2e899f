// The soak (XV6_LONG=1, npm run test:long): usertests -q ten times in a row
// in one booted machine, on 1, 2, 4 and 8 harts. Zero failures is the bar;
// what a run leaves behind (a leaked page, a stuck lock, a file left over)
// shows up in a later one.
import { afterEach, describe, expect, it } from 'vitest';
import { Session, boot, emulator, long, report } from './session.js';

const ROUNDS = 10;
const RUN_MS = 600_000;

describe.skipIf(!long || !emulator.available)(`usertests -q ${ROUNDS} times in a row`, () => {
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  for (const cores of [1, 2, 4, 8]) {
    it(`passes every time on ${cores} hart${cores > 1 ? 's' : ''}`, async () => {
      s = await boot(emulator, cores);
      let passed = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const from = s.guest.output.length;
        const start = performance.now();
        s.guest.type('usertests -q');
        const m = await s.guest.waitFor(/ALL TESTS PASSED|SOME TESTS FAILED.*\n/, RUN_MS, from);
        const out = s.guest.output.slice(from);
        report(`soak ${cores} hart(s), usertests -q round ${round}`, (performance.now() - start) / 1000);
        expect(out, `round ${round}`).not.toMatch(/panic/);
        expect(m[0], `round ${round}:\n${out.slice(-3000)}`).toBe('ALL TESTS PASSED');
        passed++;
        await s.guest.waitFor(/\$ $/, 30_000, from + out.indexOf('ALL TESTS PASSED'));
      }
      console.log(`[soak] ${cores} hart(s): usertests -q passed ${passed} of ${ROUNDS} times in a row`);
    }, ROUNDS * RUN_MS);
  }
});
