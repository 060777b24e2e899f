// One timed command in a booted guest: from typing it to its last line,
// with the guest instructions retired meanwhile (where the side knows them).
import { PROMPT, type GuestSession } from './guest-session.js';

export interface Measurement {
  seconds: number;
  instret: number | null;
}

// A guest back at its prompt parks its harts within a few milliseconds; the
// counters are exact once they are parked.
const SETTLE_MS = 30;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** Waits for the first prompt; the boot time counts from the session's start. */
export async function measureBoot(s: GuestSession, timeoutMs: number): Promise<Measurement> {
  const seen = await s.log.waitFor(PROMPT, 0, timeoutMs);
  await settle();
  return { seconds: (seen.at - s.startedAt) / 1000, instret: s.instret() };
}

export async function measureCommand(s: GuestSession, command: string, done: RegExp, timeoutMs: number): Promise<Measurement> {
  await settle();
  const before = s.instret();
  const from = s.log.length;
  const start = performance.now();
  s.type(command + '\n');
  const end = await s.log.waitFor(done, from, timeoutMs);
  const output = s.log.tail(s.log.length - from);
  if (/FAILED|failed|panic/.test(output)) throw new Error(`'${command}' failed on ${s.side}: ${JSON.stringify(output.slice(-300))}`);
  // From the done line's own newline, which the prompt pattern starts with.
  await s.log.waitFor(PROMPT, end.end - 1, 30_000);
  await settle();
  const after = s.instret();
  return { seconds: (end.at - start) / 1000, instret: before === null || after === null ? null : after - before };
}
