import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI and console tests start the real program; a loaded CI machine needs the headroom.
    testTimeout: 30_000,
  },
});
