// The unprivileged instruction sets and the counters, one bare-metal
// program each (test/qemu runs the same ones on QEMU).
import { describe, it } from 'vitest';
import { passesHere } from './in-process.js';
import { isa } from './programs.js';

describe('instruction sets on xv6-wasm', () => {
  for (const p of [...isa.programs, ...isa.oursOnly]) {
    it(p.name, () => passesHere(p));
  }
});
