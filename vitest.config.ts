import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Tests that read MNIST find it here unless the caller says otherwise.
    env: { SCRATCHNET_DATA: process.env.SCRATCHNET_DATA ?? '../shared/datasets' },
  },
});
