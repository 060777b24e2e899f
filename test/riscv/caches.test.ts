// What the interpreter keeps between instructions (decoded pages, TLB
// entries of several address spaces) against the cases that would show a
// stale copy: code at page edges and across them, code rewritten after it
// ran, and one virtual address in two address spaces with ASID fences
// (test/qemu runs the same ones on QEMU, which must agree).
import { describe, it } from 'vitest';
import { passesHere } from './in-process.js';
import { caches } from './programs.js';

describe('interpreter caches on xv6-wasm', () => {
  for (const p of caches.programs) it(p.name, () => passesHere(p));
});
