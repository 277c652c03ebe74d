import { css } from '../shared/theme.js';

/** The rules only the later steps use, adopted with them (later.ts), so the first render does not carry them. */
export const laterStyles = css`
  h3 { font-size: 1em; margin: 1em 0 0.25em; }
  fieldset { border: 0; padding: 0; margin: var(--_gap) 0; min-inline-size: 0; }
  .c { display: flex; align-items: start; gap: 0.5em; font-weight: 400; margin-block: 0.25em; }
  .c input { margin-block-start: 0.3em; }
  .cols { display: grid; grid-template-columns: repeat(auto-fill, minmax(9em, 1fr)); gap: 0 1em; }
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
  .notice { border-inline-start: 3px solid var(--_accent); padding-inline-start: 0.75em; }
  .review dt { font-weight: 600; margin-block-start: 0.5em; }
  .review dd { margin: 0; }
  progress { inline-size: 100%; accent-color: var(--_accent); }
  .offer .row { padding-inline-start: 1.3em; }
`;
