import { defineConfig } from 'vite';

// Served by the demo's examples server under /console/ (CONSOLE_URL); `pnpm dev` serves it alone at
// http://127.0.0.1:5174/console/ against the demo's API (start that with
// CONSOLE_ORIGINS=http://127.0.0.1:5174 so sign-in links may return there).
// The SDK is read from its source (the `mahjar-source` condition), the report element from the
// widgets' build (`pnpm --filter @mahjar/widgets build` first).
export default defineConfig({
  base: '/console/',
  resolve: { conditions: ['mahjar-source'] },
  build: { target: 'es2023', sourcemap: true },
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
});
