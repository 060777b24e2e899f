// `xv6-wasm --version` prints the package's version and exits 0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { projectRoot } from '../../host/platform.js';
import { xv6 } from './cli.js';

test('--version and -V print the version from package.json', async () => {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = await xv6([flag], { timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  }
});
