import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const src = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));

const config: StorybookConfig = {
  stories: ['../*.stories.ts'],
  addons: ['@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // Stories run the elements and the SDK from source, so no build is needed first.
  viteFinal: async (vite) => ({
    ...vite,
    resolve: {
      ...vite.resolve,
      alias: [
        { find: /^@mahjar\/widgets$/, replacement: src('widgets/src/index.ts') },
        { find: /^@mahjar\/sdk$/, replacement: src('sdk/src/index.ts') },
      ],
    },
    plugins: [
      ...(vite.plugins ?? []),
      {
        // `@mahjar/widgets/<element>` registers a tag: a side effect that package.json's
        // `sideEffects` (which names dist/) does not cover for src/, so say it here.
        name: 'mahjar-element-entries',
        enforce: 'pre',
        resolveId(source: string) {
          const m = /^@mahjar\/widgets\/([\w-]+)$/.exec(source);
          return m ? { id: src(`widgets/src/mahjar-${m[1]}.ts`), moduleSideEffects: true } : null;
        },
      },
    ],
  }),
};

export default config;
