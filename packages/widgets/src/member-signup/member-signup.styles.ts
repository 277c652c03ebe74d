import { css } from '../shared/theme.js';

/** What the first step and the frame need; the later steps bring theirs (later.styles.ts). */
export const styles = css`
  .root { --_gap: var(--mahjar-member-signup-gap, 0.75em); }
  h2 { font-size: 1.25em; line-height: 1.25; margin: 0 0 0.5em; }
  p { margin: 0.25em 0; }
  ol { display: flex; flex-wrap: wrap; gap: 0.25em 1em; padding: 0; margin: 0 0 1em; list-style: none; font-size: 0.875em; color: var(--_muted); counter-reset: s; }
  ol li { counter-increment: s; }
  ol li::before { content: counter(s) '. '; }
  ol .past { color: var(--_fg); }
  [aria-current] { color: var(--_fg); font-weight: 700; border-block-end: 2px solid var(--_accent); }
  legend, label { font-weight: 600; padding: 0; }
  .f { display: flex; flex-direction: column; gap: 0.25em; margin-block: var(--_gap); flex: 1 1 12em; min-inline-size: 0; }
  .row { display: flex; flex-wrap: wrap; gap: 0 1em; }
  input:not([type='checkbox']), select, textarea {
    inline-size: 100%; min-block-size: calc(2.5em + 2px); padding: 0.5em 0.75em; font: inherit; color: inherit;
    border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg);
  }
  small { font-size: 0.875em; }
  [aria-invalid='true'] { border-color: var(--_danger); }
  .sum { border: 2px solid var(--_danger); border-radius: var(--_radius); padding: 0.5em 1em; margin-block: 0.5em; }
  .sum ul { margin: 0; padding-inline-start: 1.25em; }
  .sum a { color: var(--_danger); }
  .nav { display: flex; flex-wrap: wrap; gap: 0.5em; margin-block-start: 1em; }
  .small { font-size: 0.8em; margin-block-start: 1em; }
`;
