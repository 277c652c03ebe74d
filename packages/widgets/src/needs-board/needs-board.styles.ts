import { css } from '../shared/theme.js';

export const styles = css`
  h2 { font-size: 1.25em; line-height: 1.25; margin: 0 0 0.25em; }
  h3 { font-size: 1.0625em; line-height: 1.3; margin: 0; }
  h2:focus, h3:focus { outline: none; }
  p { margin: 0.25em 0; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--mahjar-needs-board-gap, 0.75em); }
  .filters { display: flex; flex-wrap: wrap; align-items: end; gap: 0.5em 1em; margin-block: 0.75em; }
  .filters .f { flex: 1 1 11em; }
  .f { display: flex; flex-direction: column; gap: 0.25em; margin-block: 0.5em; }
  label { font-weight: 600; }
  select, textarea, input {
    inline-size: 100%; min-block-size: calc(2.5em + 2px); padding: 0.5em 0.75em; font: inherit; color: inherit;
    border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg);
  }
  textarea { resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_danger); }
  .need { border: 1px solid var(--_line); border-radius: var(--_radius); padding: calc(var(--_space) * 0.875); }
  .featured .need { border-color: var(--_accent); border-width: 2px; }
  .kicker { font-weight: 600; color: var(--_accent); font-size: 0.875em; text-transform: uppercase; letter-spacing: 0.04em; }
  .tags { display: flex; flex-wrap: wrap; gap: 0.375em; margin-block: 0.5em; }
  .tag {
    font-size: 0.8125em; padding: 0.125em 0.625em; border-radius: 1em; font-weight: 600;
    background: color-mix(in srgb, var(--_accent) 14%, transparent); color: var(--_fg);
  }
  .tag.quiet { background: none; border: 1px solid var(--_line); font-weight: 400; }
  dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(12em, 1fr)); gap: 0.5em 1em; margin: 0.75em 0; }
  dt { font-size: 0.8125em; color: var(--_muted); }
  dd { margin: 0; }
  .small { font-size: 0.8125em; }
  .count { font-weight: 600; margin-block: 0.5em; }
  .more { margin-block-start: 0.75em; }
  .answer { border-block-start: 1px solid var(--_line); margin-block-start: 0.75em; padding-block-start: 0.5em; }
  .acts { display: flex; flex-wrap: wrap; gap: 0.5em; }
  .ok { color: var(--_accent); font-weight: 600; }
  [data-outcome]:focus { outline: none; }
  small { font-size: 0.875em; }
`;
