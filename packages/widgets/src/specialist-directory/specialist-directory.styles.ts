import { css } from '../shared/theme.js';

/** The directory's own rules; its result cards are styled by `cardStyles` (shared/professional-card.styles.ts). */
export const styles = css`
  .root { container-type: inline-size; }
  h2, h3 { margin: 0; font-size: 1.1em; line-height: 1.3; }
  p { margin: 0.25em 0; }
  .top { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: end; }
  .q { flex: 1 1 16em; }
  label { font-weight: 600; }
  input, select, textarea {
    display: block; inline-size: 100%; margin-block-start: 0.25em; padding: 0.5em 0.75em; font: inherit; font-weight: 400;
    color: inherit; border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg);
  }
  .count { margin-block: 0.75em 0.25em; min-block-size: 1lh; font-weight: 600; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin-block: 0.5em; }
  .chip {
    display: inline-flex; gap: 0.4em; max-inline-size: 100%; padding: 0.3em 0.8em; border: 1px solid var(--_accent);
    border-radius: 2em; background: var(--_accent); color: var(--_on-accent); font: inherit; cursor: pointer;
  }
  .chip bdi { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .link, .x { border: 0; padding: 0; background: none; font: inherit; color: inherit; cursor: pointer; text-align: start; }
  .link { text-decoration: underline; min-block-size: 24px; }
  .body { display: grid; gap: 1em; margin-block-start: 0.5em; }
  @container (min-width: 44em) { .body { grid-template-columns: var(--mahjar-specialist-directory-facets, 15em) minmax(0, 1fr); } }
  .main { min-inline-size: 0; }
  .main:only-child { grid-column: 1 / -1; }
  details { border-block-end: 1px solid var(--_line); padding-block: 0.5em; }
  summary { font-weight: 600; cursor: pointer; }
  .opts { max-block-size: 14em; overflow: auto; padding: 0.25em; }
  .opt { display: flex; gap: 0.5em; align-items: center; font-weight: 400; padding-block: 0.15em; }
  .opt input { inline-size: auto; margin: 0; }
  .opt bdi { flex: 1; min-inline-size: 0; overflow-wrap: anywhere; }
  .n { color: var(--_muted); font-variant-numeric: tabular-nums; }
  /* Hundreds of results scroll smoothly: cards off screen skip style, layout and paint. Not the first
     (FIRST_CARDS in specialist-directory.ts), which are on screen: skipped, they would be laid out twice
     in the first frame, once as placeholders and once for real. */
  .item:nth-child(n + 13) { content-visibility: auto; contain-intrinsic-size: auto 9em; }
  :host([layout='list']) .list { grid-template-columns: minmax(0, 1fr); gap: 0; }
  :host([layout='list']) .item { border-width: 0 0 1px; border-radius: 0; display: flex; flex-wrap: wrap; gap: 0 1em; align-items: baseline; contain-intrinsic-size: auto 3em; }
  .more, .state { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: center; justify-content: space-between; margin-block: 1em; }
  .banner { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; justify-content: space-between; color: var(--_danger);
    border: 1px solid var(--_danger); border-radius: var(--_radius); padding: 0.25em 0.75em; margin-block-end: 0.75em; }
  dialog { --_dialog-width: 40em; }
  header { margin-block-end: 0.75em; }
  .x { font-size: 1.5em; line-height: 1; padding: 0 0.25em; }
  dl { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.4em 1em; margin: 0; }
  dt { font-weight: 600; }
  dd, .bio { margin: 0; min-inline-size: 0; overflow-wrap: anywhere; }
  dd ul { margin: 0; padding-inline-start: 1.1em; }
  .bio { margin-block: 0.75em; white-space: pre-line; max-block-size: 20em; overflow: auto; }
  form { margin-block-start: 1em; border-block-start: 1px solid var(--_line); padding-block-start: 0.75em; }
  .field { display: block; margin-block: 0.6em; }
  .hp { position: absolute; inset-inline-start: -100vw; }
  form .btn, [part='contact'] { margin-block-start: 0.75em; }
  [aria-invalid='true'] { border-color: var(--_danger); }
  .ok { font-weight: 600; margin-block-start: 1em; }
  .sk { block-size: 4em; }
`;
