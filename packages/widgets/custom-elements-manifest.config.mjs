// `cem analyze` reads this: custom-elements.json is generated from the JSDoc headers of src/.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'mahjar-events-only',
      // The analyzer takes the context protocol's `context-request` dispatch for an event of ours.
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules)
          for (const d of mod.declarations ?? [])
            if (d.events) d.events = d.events.filter((e) => e.name?.startsWith('mahjar-'));
      },
    },
  ],
};
