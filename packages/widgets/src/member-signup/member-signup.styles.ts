import { css } from '../shared/theme.js';

export const styles = css`
  .root { --_gap: var(--mahjar-member-signup-gap, 0.75em); }
  h2 { font-size: 1.25em; line-height: 1.25; margin: 0 0 0.5em; }
  h3 { font-size: 1em; margin: 1em 0 0.25em; }
  p { margin: 0.25em 0; }
  ol { display: flex; flex-wrap: wrap; gap: 0.25em 1em; padding: 0; margin: 0 0 1em; list-style: none; font-size: 0.875em; color: var(--_muted); counter-reset: s; }
  ol li { counter-increment: s; }
  ol li::before { content: counter(s) '. '; }
  ol .past { color: var(--_fg); }
  [aria-current] { color: var(--_fg); font-weight: 700; border-block-end: 2px solid var(--_accent); }
  fieldset { border: 0; padding: 0; margin: var(--_gap) 0; min-inline-size: 0; }
  legend, label { font-weight: 600; padding: 0; }
  .f { display: flex; flex-direction: column; gap: 0.25em; margin-block: var(--_gap); flex: 1 1 12em; min-inline-size: 0; }
  .row { display: flex; flex-wrap: wrap; gap: 0 1em; }
  input:not([type='checkbox']), select, textarea {
    inline-size: 100%; padding: 0.5em 0.75em; font: inherit; color: inherit;
    border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg);
  }
  small { font-size: 0.875em; }
  [aria-invalid='true'] { border-color: var(--_danger); }
  .c { display: flex; align-items: start; gap: 0.5em; font-weight: 400; margin-block: 0.25em; }
  .c input { margin-block-start: 0.3em; }
  .cols { display: grid; grid-template-columns: repeat(auto-fill, minmax(9em, 1fr)); gap: 0 1em; }
  .sum { border: 2px solid var(--_danger); border-radius: var(--_radius); padding: 0.5em 1em; margin-block: 0.5em; }
  .sum ul { margin: 0; padding-inline-start: 1.25em; }
  .sum a { color: var(--_danger); }
  .nav { display: flex; flex-wrap: wrap; gap: 0.5em; margin-block-start: 1em; }
  [role='listbox'] { list-style: none; margin: 0; padding: 0.25em 0; border: 1px solid var(--_line); border-radius: var(--_radius); max-block-size: 16em; overflow: auto; }
  [role='option'] { padding: 0.25em 0.75em; cursor: pointer; }
  [role='option'][aria-selected='true'] { background: var(--_accent); color: var(--_on-accent); }
  .chips { display: flex; flex-wrap: wrap; gap: 0.5em; list-style: none; padding: 0; margin: 0.5em 0; }
  .chips li { border: 1px solid var(--_line); border-radius: 2em; padding: 0.1em 0.75em; }
  .x, .link { border: 0; background: none; color: inherit; font: inherit; padding: 0 0.25em; cursor: pointer; }
  .link { color: var(--_accent); text-decoration: underline; }
  .rowbox { border-inline-start: 3px solid var(--_line); padding-inline-start: 0.75em; margin-block: 0.5em; }
  .vis { display: grid; grid-template-columns: minmax(8em, 1fr) minmax(8em, 12em); gap: 0.5em 1em; align-items: center; }
  .vis label { font-weight: 400; }
  .card { border: 1px solid var(--_line); border-radius: var(--_radius); padding: 0.75em 1em; }
  .card h3 { margin: 0; }
  .notice { border-inline-start: 3px solid var(--_accent); padding-inline-start: 0.75em; }
  .review dt { font-weight: 600; margin-block-start: 0.5em; }
  .review dd { margin: 0; }
  .hp { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); }
  progress { inline-size: 100%; accent-color: var(--_accent); }
  .small { font-size: 0.8em; margin-block-start: 1em; }
`;
