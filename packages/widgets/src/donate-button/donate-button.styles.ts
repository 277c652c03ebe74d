import { css } from '../shared/theme.js';

export const styles = css`
  h2 { font-size: 1.25em; line-height: 1.25; margin: 0 0 0.25em; }
  p { margin: 0.25em 0; }
  progress {
    appearance: none; display: block; inline-size: 100%; block-size: var(--mahjar-donate-button-bar, 0.5em);
    margin-block: 0.75em 0.25em; border: 0; border-radius: 1em; overflow: hidden; background: var(--_line);
  }
  progress::-webkit-progress-bar { background: var(--_line); }
  progress::-webkit-progress-value { background: var(--_accent); }
  progress::-moz-progress-bar { background: var(--_accent); }
  .stats { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1em; }
  .open { inline-size: 100%; margin-block-start: 0.75em; }
  fieldset { border: 0; padding: 0; margin: 0.75em 0; min-inline-size: 0; }
  legend, .field { font-weight: 600; padding: 0; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.5em; margin-block: 0.5em; }
  .chip { position: relative; padding: 0.4em 1em; border: 1px solid var(--_line); border-radius: 2em; cursor: pointer; }
  .chip input { position: absolute; inset: 0; opacity: 0; cursor: pointer; }
  .chip:has(:checked) { background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent); }
  .chip:has(:focus-visible) { outline: 2px solid var(--_accent); outline-offset: 2px; }
  .field { display: block; margin-block: 0.75em; }
  .field input {
    display: block; inline-size: 100%; margin-block-start: 0.25em; padding: 0.5em 0.75em; font-weight: 400;
    border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg);
  }
  [aria-invalid='true'] { border-color: var(--_danger); }
  .check { display: flex; align-items: center; gap: 0.5em; margin-block: 0.75em; }
  form .btn { inline-size: 100%; margin-block-start: 0.5em; }
  .sk.t { block-size: 1.5em; inline-size: 60%; }
  .sk.b { block-size: 2.75em; }
`;
