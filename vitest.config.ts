import { defineConfig } from 'vitest/config';

// Boot tests start whole machines with worker threads each; on a 2-core host
// running them side by side only makes every one of them slower.
// `npm run test:unit` overrides this from the command line: its files are
// short and spend much of their time waiting on the processes and threads
// they start, so it runs two at a time, in workers reused from file to file
// (--no-isolate), since starting a fresh worker cost more than most files.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
