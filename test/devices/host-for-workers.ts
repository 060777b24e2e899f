// Worker threads cannot load TypeScript, so tests that drive devices from
// several threads transpile host/platform.ts and host/devices/*.ts into
// build/test-host/ (same relative layout, inside the project so platform.ts
// still finds platform/platform.json) and import the .js from the workers.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { projectRoot } from '../../host/platform.js';

export function transpileDevices(): (module: string) => string {
  const out = join(projectRoot, 'build/test-host');
  const sources = ['platform.ts', ...readdirSync(join(projectRoot, 'host/devices'))
    .filter((f) => f.endsWith('.ts')).map((f) => `devices/${f}`)];
  mkdirSync(join(out, 'devices'), { recursive: true });
  for (const rel of sources) {
    const js = ts.transpileModule(readFileSync(join(projectRoot, 'host', rel), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(out, rel.replace(/\.ts$/, '.js')), js);
  }
  return (module) => pathToFileURL(join(out, module)).href;
}
