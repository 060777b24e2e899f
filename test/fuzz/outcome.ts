// What every fuzz case must end in: a clean run, or one clear line on stderr
// and a non-zero exit. Never a stack trace, an internal error, or a hang
// (the process killed at its time limit).
import { expect } from 'vitest';
import type { CliResult } from '../cli/cli.js';

export function expectOneLineEnd(code: number, stderrText: string, label: string): void {
  const lines = stderrText.trimEnd().split('\n').filter((l) => l !== '');
  if (code === 0) {
    expect(lines, `${label}: a clean run says nothing on stderr`).toEqual([]);
    return;
  }
  expect(lines, `${label}: one line on stderr, got:\n${stderrText}`).toHaveLength(1);
  expect(lines[0], label).toMatch(/^xv6-wasm( fsck)?: /);
  expect(lines[0], label).not.toMatch(/internal error/);
}

export function expectCliEnd(r: CliResult, label: string): void {
  expect(r.signal, `${label}: killed at its time limit (a hang); stderr:\n${r.stderr}`).toBeNull();
  expect(r.stderr, label).not.toMatch(/\n\s+at /);
  expectOneLineEnd(r.code ?? -1, r.stderr, label);
}
