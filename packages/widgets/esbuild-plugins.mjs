// esbuild plugins shared by build.mjs and size.mjs.
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** Collapses whitespace and comments inside Lit `css\`…\`` templates (esbuild leaves template text alone). */
const minifyCss = (source) =>
  source.replace(/\bcss`([^`]*)`/g, (_, body) => {
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

async function minifySource(path) {
  let source = await readFile(path, 'utf8');
  if (/(styles|theme)\.ts$/.test(path)) source = minifyCss(source);
  if (!source.includes('html`')) return source;
  const ts = (await import('typescript')).default;
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  /** @type {{ from: number, to: number }[]} the raw text of each template part, without its delimiters */
  const parts = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'html') {
      const t = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
      for (const l of literals) {
        const start = l.getStart(file);
        const closesWithBacktick = ts.isNoSubstitutionTemplateLiteral(l) || ts.isTemplateTail(l);
        parts.push({ from: start + 1, to: l.end - (closesWithBacktick ? 1 : 2) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let contents = '';
  let at = 0;
  for (const { from, to } of parts.sort((a, b) => a.from - b.from)) {
    contents += source.slice(at, from) + source.slice(from, to).replace(/[ \t]*\r?\n\s*/g, ' ');
    at = to;
  }
  contents += source.slice(at);
  return contents;
}

/**
 * Shrinks Lit templates where a user's bundler cannot: CSS as above, and the indentation inside
 * `html\`…\`` templates: every run of whitespace that holds a
 * line break becomes one space. HTML renders both the same way outside `<pre>` and `<textarea>`,
 * which no template of ours writes text into. A user's bundler keeps template text as written, so
 * the npm build ships it collapsed. The TypeScript parser finds the templates (nested ones too).
 */
export const minifyTemplates = {
  name: 'minify-lit-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]widgets[\\/]src[\\/].*\.ts$/ }, async ({ path }) =>
      path.endsWith('.test.ts') ? undefined : { contents: await minifySource(path), loader: 'ts' },
    );
  },
};

/**
 * Script-tag build only. esbuild puts each module in the chunk of the exact set of entry points (here:
 * the loader's dynamic imports) that reach it, so the runtime every element shares fell into four
 * chunks (what the provider uses too, what the signup's later steps use too, …) and a page loaded
 * four files instead of one. Each registration module and each lazily loaded part that uses the
 * runtime (the signup's later steps, the donation dialog, the contact form, the event dialog)
 * re-exports the shared modules, so they all reach the whole runtime and esbuild emits it as one chunk.
 */
export const oneRuntimeChunk = {
  name: 'one-runtime-chunk',
  setup(build) {
    const shared = [
      'shared/mahjar-element.ts',
      'shared/theme.ts',
      'shared/localize.ts',
      'shared/define.ts',
      'shared/client.ts',
      'shared/context.ts',
      'shared/events.ts',
      'shared/load.ts',
      'shared/submission.ts',
      'shared/dialog.styles.ts',
      'shared/version.ts',
      'translations/en/common.ts',
    ];
    build.onLoad(
      {
        filter:
          /[\\/]widgets[\\/]src[\\/](mahjar-(provider|donate-button|specialist-directory|event-calendar|member-signup|member-account|impact-report|needs-board)|member-signup[\\/]later|member-account[\\/]account|impact-report[\\/]report-view|needs-board[\\/]answer|donate-button[\\/]donation-form|specialist-directory[\\/]contact|event-calendar[\\/]detail)\.ts$/,
      },
      async ({ path }) => {
        const src = path.slice(0, path.lastIndexOf(`${sep}src${sep}`) + 5);
        const reexports = shared.map((file) => `import '${join(src, file)}';`);
        return { contents: `${await minifySource(path)}\n${reexports.join('\n')}\n`, loader: 'ts' };
      },
    );
  },
};
