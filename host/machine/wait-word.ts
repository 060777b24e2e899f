// Waiting on a shared word without blocking the main thread's event loop.

// Node 20 has Atomics.waitAsync; TypeScript declares it only from lib es2024.
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeout: number):
    { async: false; value: string } | { async: true; value: Promise<string> };
}

/** Resolves when i32[index] is notified or no longer `value`, or after the timeout. */
export function waitWord(i32: Int32Array, index: number, value: number, timeoutMs: number): Promise<string> {
  const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(i32, index, value, timeoutMs);
  return w.async ? w.value : Promise.resolve(w.value);
}
