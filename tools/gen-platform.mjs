#!/usr/bin/env node
// Turns platform/platform.json into the per-language constant files, so that no
// address or IRQ number is typed twice: C and assembler (platform.h), the
// AssemblyScript core (platform.ts), and the types of the host's sections
// (platform-types.d.ts), so that a misspelt name fails the host's build. Writes only when the text changes, to
// keep make's incremental builds quiet.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const table = JSON.parse(readFileSync(join(root, 'platform/platform.json'), 'utf8'));
const out = join(root, 'build/gen');
mkdirSync(out, { recursive: true });

const entries = [];
for (const [section, values] of Object.entries(table)) {
  if (section.startsWith('_')) continue;
  for (const [name, value] of Object.entries(values)) {
    if (!name.startsWith('_')) entries.push({ section, name, value: BigInt(value) });
  }
}

const hex = (v) => '0x' + v.toString(16);
const banner = 'generated from platform/platform.json by tools/gen-platform.mjs: do not edit';

// The assembler takes no UL suffix; C needs it so that 0x80000000 is 64-bit.
const c = [`// ${banner}`, '#ifndef PLATFORM_H', '#define PLATFORM_H',
  '#ifdef __ASSEMBLER__', '#define PLAT_U(x) x', '#else', '#define PLAT_U(x) x##UL', '#endif'];
for (const e of entries) c.push(`#define ${e.name.padEnd(20)} PLAT_U(${hex(e.value)})`);
c.push('#endif', '');

const as = [`// ${banner}`];
for (const e of entries) as.push(`export const ${e.name}: u64 = ${hex(e.value)};`);
as.push('');

// The host reads the numbers at run time (host/platform.ts); these types
// give each section exactly its names.
const pascal = (name) => name[0].toUpperCase() + name.slice(1);
const dts = [`// ${banner}`];
for (const [section, values] of Object.entries(table)) {
  if (section.startsWith('_')) continue;
  dts.push(`export interface ${pascal(section)}Section {`);
  for (const name of Object.keys(values)) if (!name.startsWith('_')) dts.push(`  readonly ${name}: number;`);
  dts.push('}');
}
dts.push('');

function writeIfChanged(file, text) {
  const path = join(out, file);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  writeFileSync(path, text);
}
writeIfChanged('platform.h', c.join('\n'));
writeIfChanged('platform.ts', as.join('\n'));
writeIfChanged('platform-types.d.ts', dts.join('\n'));
