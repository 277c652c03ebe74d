import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['mahjar-source'] },
  ssr: { resolve: { conditions: ['mahjar-source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // One file at a time: each file starts its own server on PGlite and on PostgreSQL, and the
    // machine has two cores.
    fileParallelism: false,
    // Decides once whether the PostgreSQL half runs (mandatory under CI); see the file.
    globalSetup: ['test/global-setup.ts'],
  },
});
