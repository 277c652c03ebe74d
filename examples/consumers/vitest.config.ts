import { defineConfig } from 'vitest/config';

// The consumer projects (consumers.test.ts): their own step in the test command, after the widgets build.
export default defineConfig({
  resolve: { conditions: ['mahjar-source'] },
  ssr: { resolve: { conditions: ['mahjar-source'] } },
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['consumers.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
