#!/usr/bin/env node
// Writes build/gen/usys.S, the user-space system call stubs, from the
// kernel's own numbers in kernel/syscall.h, so a number is never typed twice.
// Each stub loads its number into a7 and traps; the kernel leaves the result
// in a0. Writes only when the text changes, to keep make's rebuilds quiet.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const header = readFileSync(join(root, 'kernel/syscall.h'), 'utf8');

const calls = [];
for (const m of header.matchAll(/^#define\s+SYS_(\w+)\s+(\d+)/gm)) {
  calls.push({ name: m[1], number: Number(m[2]) });
}
if (calls.length === 0) {
  console.error('gen-usys: no "#define SYS_name number" lines in kernel/syscall.h');
  process.exit(1);
}

const lines = ['# generated from kernel/syscall.h by tools/gen-usys.mjs: do not edit'];
for (const { name, number } of calls) {
  lines.push(`.global ${name}`, `${name}:`, ` li a7, ${number}`, ' ecall', ' ret');
}
lines.push('');

const out = join(root, 'build/gen');
mkdirSync(out, { recursive: true });
const path = join(out, 'usys.S');
const text = lines.join('\n');
if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
