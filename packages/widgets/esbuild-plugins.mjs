// esbuild plugins shared by build.mjs and size.mjs.
import { readFile } from 'node:fs/promises';

/** Collapses whitespace and comments inside Lit `css\`…\`` templates (esbuild leaves template text alone). */
export const minifyLitCss = {
  name: 'minify-lit-css',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*(styles|theme)\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('css`')) return undefined;
      const contents = source.replace(/\bcss`([^`]*)`/g, (_, body) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
          .trim();
        return `css\`${min}\``;
      });
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * The `src/mahjar-*.ts` files exist for their side effect (defining a tag). package.json's
 * `sideEffects` names their dist/ output, so esbuild would otherwise drop them from src builds.
 */
export const keepRegistrations = {
  name: 'keep-registrations',
  setup(build) {
    build.onResolve({ filter: /^\.\/mahjar-[\w-]+\.js$/ }, ({ path, resolveDir }) => ({
      path: `${resolveDir}/${path.slice(2, -3)}.ts`,
      sideEffects: true,
    }));
  },
};
