// Writing a snapshot file (format.ts): big regions through the page codec
// (pages.ts), the small pieces as they are. The file appears under its name
// only once complete (written beside it, then renamed), so a snapshot that
// is cut short by a crash or a full disk never replaces a good one.
import { rename, rm, writeFile } from 'node:fs/promises';
import { encodeFile, type Section, type SavedProgram } from './format.js';
import { encodePages } from './pages.js';
import { layoutId, type MachineSnapshot } from './snapshot.js';

async function pages(name: string, bytes: Uint8Array): Promise<Section> {
  const stored = await encodePages(bytes);
  return { info: { name, codec: 'pages', bytes: bytes.length, stored: stored.length }, stored };
}

function pieces(name: string, parts: Uint8Array[]): Section {
  const stored = Buffer.concat(parts);
  return { info: { name, codec: 'raw', bytes: stored.length, stored: stored.length, parts: parts.map((p) => p.length) }, stored };
}

/** Writes `snap` to `path`; returns the file's size in bytes. */
export async function writeSnapshot(path: string, snap: MachineSnapshot): Promise<number> {
  const program: SavedProgram[] = snap.program.map((p) => ({
    path: p.path, entry: p.entry,
    segments: p.segments.map((s) => ({ paddr: s.paddr, memsz: s.memsz, bytes: s.data.length })),
  }));
  // In parallel: zlib has a pool of threads, and the disk and RAM are the bulk.
  const big = await Promise.all([pages('state', snap.state), pages('ram', snap.ram), ...(snap.disk ? [pages('disk', snap.disk)] : [])]);
  const sections = [
    ...big,
    pieces('program', snap.program.flatMap((p) => p.segments.map((s) => s.data))),
    pieces('consoles', snap.consoles.flatMap((c) => [c.input, c.output, c.screen])),
  ];
  const chunks = encodeFile({ layout: layoutId(), taken: snap.taken.toISOString(), machine: snap.machine, mtime: snap.mtime, program }, sections);
  const partial = `${path}.${process.pid}.partial`;
  const whole = Buffer.concat(chunks);
  try {
    await writeFile(partial, whole, { mode: 0o644 });
    await rename(partial, path);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return whole.length;
}
