// Traps, privilege modes, Sv39, PMP and interrupts, one bare-metal program
// each (test/qemu runs the same ones on QEMU).
import { describe, it } from 'vitest';
import { passesHere } from './in-process.js';
import { privileged } from './programs.js';

describe('privileged architecture on xv6-wasm', () => {
  for (const p of [...privileged.programs, ...privileged.oursOnly]) {
    it(p.name, () => passesHere(p));
  }
});
