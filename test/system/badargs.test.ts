// Garbage from user programs never brings the kernel down: badargs hands
// every system call bad pointers, huge lengths and bad descriptors, and
// calls numbers that do not exist; the kernel refuses each one, and the
// shell and other programs still work afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { Session, boot, command, machines } from './session.js';

for (const target of machines) {
  describe.skipIf(!target.available)(`bad system-call arguments on ${target.name}`, () => {
    let s: Session | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    it('badargs prints "badargs: OK" and the kernel keeps running', async () => {
      s = await boot(target, 2);
      const out = await command(s, 'badargs', 300_000);
      expect(out).not.toMatch(/panic/);
      expect(out).toMatch(/badargs: OK\n$/);
      expect(await command(s, 'echo alive | wc')).toBe('1 1 6 \n');
    }, 420_000);

    it('grind stresses the kernel with random calls from several processes', async () => {
      s = await boot(target, 2);
      const from = s.guest.output.length;
      // In the background, so that the shell still reads the halt below.
      s.guest.type('grind &');
      await s.guest.waitFor(/grind: round 3\n/, 300_000, from);
      const out = s.guest.output.slice(from);
      expect(out).not.toMatch(/panic|grind: (?!round)/);
      expect(await s.guest.halt()).toBe(0);
    }, 420_000);
  });
}
