/**
 * A constructable stylesheet from a static CSS text, adopted by shadow roots as Lit's `css` results
 * are (so strict CSP is fine), without Lit's `css` tag and its interpolation checks: Mahjar styles
 * never interpolate (the argument is a plain template, checked by the compiler). The build
 * minifies these templates (esbuild-plugins.mjs).
 */
export const css = ([text]: TemplateStringsArray): CSSStyleSheet => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text!);
  return sheet;
};

/**
 * Global tokens every element reads (each `var()` ends in a literal, so nothing is needed on
 * the page), light by default, dark with `theme="dark"`, or following the system with `theme="auto"`.
 * One set of private `--_*` tokens: each fallback is a `light-dark()` pair, chosen by the root's
 * `color-scheme` (so dark needs no second copy of the tokens). `light-dark()` is Baseline 2024:
 * Chromium 123, Firefox 120, Safari 17.5 — our supported floor.
 * Also the few rules all elements share: the themed root, buttons, focus ring, skeleton.
 */
export const theme = css`
  :host { display: block; }
  * { box-sizing: border-box; }
  .root {
    --_accent: var(--mahjar-color-accent, light-dark(#0a6b4d, #5cd0a3));
    --_on-accent: var(--mahjar-color-on-accent, light-dark(#fff, #08231a));
    --_bg: var(--mahjar-color-surface, light-dark(#fff, #16191e));
    --_fg: var(--mahjar-color-text, light-dark(#1b1e23, #eceef2));
    --_muted: var(--mahjar-color-muted, light-dark(#555d6b, #aab1bd));
    --_line: var(--mahjar-color-border, light-dark(#c5cbd4, #454b55));
    --_danger: var(--mahjar-color-danger, light-dark(#b3261e, #ff9a8f));
    --_radius: var(--mahjar-radius, 0.5em);
    --_space: var(--mahjar-space, 1em);
    color-scheme: light;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: var(--_space);
    font: inherit;
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-transform: none;
    white-space: normal;
  }
  [data-theme='dark'] { color-scheme: dark; }
  [data-theme='auto'] { color-scheme: light dark; }
  button, input { font: inherit; color: inherit; margin: 0; }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  .btn {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5em;
    min-block-size: 2.75em; padding: 0.5em 1.25em; border: 1px solid var(--_accent);
    border-radius: var(--_radius); background: var(--_accent); color: var(--_on-accent);
    font-weight: 600; text-decoration: none; cursor: pointer;
  }
  .btn.quiet { background: none; color: inherit; }
  .btn:disabled { opacity: 0.6; cursor: progress; }
  .muted { color: var(--_muted); }
  .err { color: var(--_danger); margin: 0.25em 0; }
  .sk { block-size: 1em; margin-block: 0.75em; border-radius: 0.25em; background: var(--_line); animation: p 1.5s infinite alternate; }
  @keyframes p { to { opacity: 0.4; } }
  @media (prefers-reduced-motion: reduce) { .sk { animation: none; } }
  .vh { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
