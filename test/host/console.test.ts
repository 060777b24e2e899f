// Ctrl-A escapes on the console: what reaches the guest and what the emulator acts on.
import { describe, expect, test } from 'vitest';
import { EscapeFilter } from '../../host/console/escape.js';

function run(chunks: string[]): { guest: string; actions: string[] } {
  const f = new EscapeFilter();
  const actions: string[] = [];
  let guest = '';
  for (const c of chunks) guest += Buffer.from(f.filter(Buffer.from(c, 'latin1'), (a) => actions.push(a))).toString('latin1');
  return { guest, actions };
}

describe('console escapes', () => {
  test('plain input passes through, Ctrl-C included', () => {
    expect(run(['ls\r', '\x03'])).toEqual({ guest: 'ls\r\x03', actions: [] });
  });
  test('Ctrl-A x quits and drops what follows', () => {
    expect(run(['echo\x01xmore'])).toEqual({ guest: 'echo', actions: ['quit'] });
  });
  test('an escape split across two reads still works', () => {
    expect(run(['a\x01', 'x'])).toEqual({ guest: 'a', actions: ['quit'] });
  });
  test('Ctrl-A h asks for help; Ctrl-A Ctrl-A sends one Ctrl-A; other keys are dropped', () => {
    expect(run(['\x01h\x01\x01\x01zq'])).toEqual({ guest: '\x01q', actions: ['help'] });
  });
});
