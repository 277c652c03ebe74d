import { css } from '../shared/theme.js';

export const styles = css`
  h2 { font-size: 1.25em; line-height: 1.25; margin: 0; }
  h3 { font-size: 1em; margin: 1em 0 0.25em; }
  p { margin: 0.25em 0; }
  ul { list-style: none; margin: 0; padding: 0; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em; }
  .bar h2 { min-inline-size: 9em; text-align: center; }
  .bar .btn { padding-inline: 0.75em; }
  [dir='rtl'] .nav span { display: inline-block; transform: scaleX(-1); }
  .views { display: inline-flex; margin-inline-start: auto; }
  .views .btn { border-radius: 0; }
  .views .btn:first-child { border-start-start-radius: var(--_radius); border-end-start-radius: var(--_radius); }
  .views .btn:last-child { border-start-end-radius: var(--_radius); border-end-end-radius: var(--_radius); }
  [aria-pressed='true'] { background: var(--_accent); color: var(--_on-accent); }
  details { margin-block: 0.5em; }
  summary { cursor: pointer; font-weight: 600; padding-block: 0.25em; }
  .groups { display: flex; flex-wrap: wrap; gap: 0 1.5em; }
  fieldset { border: 0; padding: 0; margin: 0.25em 0; min-inline-size: 0; }
  legend { font-weight: 600; padding: 0; }
  fieldset label { display: block; }
  .note { font-size: 0.875em; }
  table { inline-size: 100%; border-collapse: collapse; table-layout: fixed; }
  th { font-size: 0.8em; font-weight: 600; color: var(--_muted); padding-block: 0.25em; }
  td {
    vertical-align: top; block-size: var(--mahjar-event-calendar-cell, 5.5em); padding: 0.2em;
    border: 1px solid var(--_line); cursor: pointer; overflow: hidden;
  }
  td.out { color: var(--_muted); background: color-mix(in srgb, var(--_line) 25%, transparent); }
  td[aria-selected='true'] { box-shadow: inset 0 0 0 2px var(--_accent); }
  td:focus-visible { outline-offset: -3px; }
  .n { display: inline-block; min-inline-size: 1.6em; text-align: center; border-radius: 1em; font-size: 0.875em; }
  [aria-current='date'] .n { background: var(--_accent); color: var(--_on-accent); font-weight: 700; }
  .chip {
    display: block; font-size: 0.75em; line-height: 1.3; margin-block-start: 0.15em; padding: 0.1em 0.3em;
    border-radius: 0.25em; background: color-mix(in srgb, var(--_accent) 14%, var(--_bg));
    display: flex; flex-wrap: wrap; gap: 0 0.25em; white-space: nowrap;
  }
  /* The title takes the rest of the time's line, or a line of its own in a cell too narrow for 3em of it. */
  .chip > [dir] { flex: 1 1 3em; min-inline-size: 0; overflow: hidden; text-overflow: ellipsis; }
  .more { font-size: 0.75em; color: var(--_muted); }
  .cancelled .ti, .chip.cancelled, h2.cancelled { text-decoration: line-through; }
  .st { color: var(--_danger); font-weight: 600; }
  .ev {
    display: grid; inline-size: 100%; text-align: start; gap: 0.1em; margin-block: 0.4em; padding: 0.5em 0.75em;
    border: 1px solid var(--_line); border-radius: var(--_radius); background: none; cursor: pointer;
  }
  .ev:hover, td:hover { border-color: var(--_accent); }
  .ev .muted { font-size: 0.875em; }
  .empty { padding-block: 1em; }
  dialog { --_dialog-width: 36em; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25em 1em; margin: 0.75em 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  .desc { white-space: pre-line; }
  .spk li { margin-block: 0.15em; }
  .field { display: block; margin-block: 0.5em; font-weight: 600; }
  .field input {
    display: block; inline-size: 100%; margin-block-start: 0.25em; padding: 0.5em 0.75em; font-weight: 400;
    border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg);
  }
  [aria-invalid='true'] { border-color: var(--_danger); }
  form .btn { margin-block-start: 0.5em; }
  .ok { padding: 0.75em; border-inline-start: 4px solid var(--_accent); margin-block: 0.75em; }
  .atc li { margin-block: 0.25em; }
  a { color: inherit; }
`;
