// A live progress line while the benchmark runs, on a terminal only:
// pipes and files get nothing until the results.
export function progressLine(stream: NodeJS.WriteStream): (what: string, done: number, total: number) => void {
  if (!stream.isTTY) return () => {};
  const started = performance.now();
  return (what, done, total) => {
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const secs = ((performance.now() - started) / 1000).toFixed(0);
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    stream.write(`\r\x1b[K[${bar}] ${done}/${total} ${secs}s ${what}`);
    if (done >= total) stream.write('\r\x1b[K');
  };
}
