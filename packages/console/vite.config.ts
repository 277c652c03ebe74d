import { defineConfig } from 'vite';

// Served by the demo's examples server under /console/ (CONSOLE_URL); `pnpm dev` serves it alone.
// The SDK is read from its source (the `mahjar-source` condition), the report element from the
// widgets' build (`pnpm --filter @mahjar/widgets build` first).
export default defineConfig({
  base: '/console/',
  resolve: { conditions: ['mahjar-source'] },
  build: { target: 'es2023', sourcemap: true },
});
