import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['mahjar-source'] },
  ssr: { resolve: { conditions: ['mahjar-source'] } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false },
});
