// The machine's one table (platform/platform.json), as numbers for the host.
// The core and the kernel get the same table as generated constant files.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ControlSection, DebugSection, FinisherSection, FsSection, GuestSection, HartSection, HartsaveSection, TelemetrySection, WasmSection,
} from '../build/gen/platform-types.js';

// Compiled code runs from build/host/, tests from host/: find the root upwards.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'platform/platform.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('platform/platform.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const projectRoot = findRoot();

type Section = Record<string, number>;

function load(): Record<string, Section> {
  const raw = JSON.parse(readFileSync(join(projectRoot, 'platform/platform.json'), 'utf8')) as Record<string, Record<string, string>>;
  const out: Record<string, Section> = {};
  for (const [section, values] of Object.entries(raw)) {
    if (section.startsWith('_')) continue;
    out[section] = {};
    for (const [name, value] of Object.entries(values)) {
      if (!name.startsWith('_')) out[section][name] = Number(value);
    }
  }
  return out;
}

// Typed by the generated section types: a name the table lacks is a
// compile error, not an undefined at run time.
const table = load();
export const guest = table.guest as unknown as GuestSection;
export const finisher = table.finisher as unknown as FinisherSection;
export const wasm = table.wasm as unknown as WasmSection;
export const hart = table.hart as unknown as HartSection;
export const hartsave = table.hartsave as unknown as HartsaveSection;
export const control = table.control as unknown as ControlSection;
export const debug = table.debug as unknown as DebugSection;
export const fs = table.fs as unknown as FsSection;
export const telemetry = table.telemetry as unknown as TelemetrySection;
