import { defineConfig } from 'vitest/config';

// Boot tests start whole machines with worker threads each; on a 2-core host
// running them side by side only makes every one of them slower.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
