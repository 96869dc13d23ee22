import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['test/setup/tensor-equality.ts'],
    // Tests find the full data sets as the library does ($SCRATCHNET_DATA, then the cache) and
    // skip, saying why, where they are absent (test/helpers/datasets.ts); CI requires them.
  },
});
