// What `--cores`, `--mem` and `--max-insns` accept, and the message for what they refuse.
import { describe, expect, test } from 'vitest';
import { OptionError, parseCores, parseCount, parseMem } from '../../host/machine/options.js';

const MiB = 1 << 20;

describe('--cores', () => {
  test('1 to 8', () => {
    expect(parseCores('1')).toBe(1);
    expect(parseCores('8')).toBe(8);
  });
  test.each(['0', '9', '-1', '2.5', 'two', ''])('refuses %j naming the range', (v) => {
    expect(() => parseCores(v)).toThrow(OptionError);
    expect(() => parseCores(v)).toThrow(/from 1 to 8/);
  });
});

describe('--mem', () => {
  test('sizes with units; a bare number is MiB', () => {
    expect(parseMem('128M')).toBe(128 * MiB);
    expect(parseMem('128')).toBe(128 * MiB);
    expect(parseMem('1G')).toBe(1024 * MiB);
    expect(parseMem('2GiB')).toBe(2048 * MiB);
    expect(parseMem('16384k')).toBe(16 * MiB);
    expect(parseMem('64mb')).toBe(64 * MiB);
  });
  test.each(['3', '15M', '3G', '0'])('refuses %j as out of range', (v) => {
    expect(() => parseMem(v)).toThrow(/from 16M to 2G/);
  });
  test.each(['lots', '12X', '-5M', ''])('refuses %j as not a size', (v) => {
    expect(() => parseMem(v)).toThrow(/must be a size/);
  });
  test('refuses a part of a MiB', () => {
    expect(() => parseMem('100.5M')).toThrow(/whole number of MiB/);
  });
});

describe('--max-insns', () => {
  test('plain and with decimal suffixes', () => {
    expect(parseCount('1000')).toBe(1000);
    expect(parseCount('5M')).toBe(5_000_000);
    expect(parseCount('2k')).toBe(2000);
  });
  test.each(['0', '-3', 'many', '1.5'])('refuses %j', (v) => {
    expect(() => parseCount(v)).toThrow(/--max-insns must be a positive whole number/);
  });
});
