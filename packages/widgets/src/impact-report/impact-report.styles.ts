import { css } from '../shared/theme.js';

/** The report's layout, its charts' series colours (themable) and its tables. */
export const styles = css`
  .root { --_series2: var(--mahjar-chart-2, light-dark(#b86e00, #f0b45c)); }
  header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5em; }
  h2 { font-size: 1.25em; line-height: 1.25; margin: 0; }
  h3 { font-size: 1.05em; margin: 0 0 0.5em; }
  h4 { font-size: 1em; margin: 0.75em 0 0.25em; }
  .nav { display: flex; gap: 0.5em; }
  .nav .quiet { min-inline-size: 2.75em; padding-inline: 0.5em; font-size: 1.1em; }
  :host(:dir(rtl)) .nav .quiet span, [dir='rtl'] .nav .quiet span { display: inline-block; transform: scaleX(-1); }
  figure, section { margin: 1.25em 0 0; padding-block-start: 1em; border-block-start: 1px solid var(--_line); }
  figcaption { margin: 0; }
  .pair { display: grid; gap: 0.5em; }
  svg { display: block; inline-size: 100%; max-inline-size: 640px; block-size: auto; font-size: 13px; fill: var(--_fg); }
  svg .v { fill: var(--_muted); }
  svg .axis { stroke: var(--_line); }
  .s0 { fill: var(--_accent); background: var(--_accent); }
  .s1 { fill: var(--_series2); background: var(--_series2); }
  .fall { fill: var(--_danger); }
  .fall-text { color: var(--_danger); }
  .legend { display: flex; flex-wrap: wrap; gap: 0.25em 1em; list-style: none; margin: 0 0 0.5em; padding: 0; font-size: 0.875em; }
  .legend i { display: inline-block; inline-size: 0.8em; block-size: 0.8em; margin-inline-end: 0.35em; border-radius: 2px; }
  details { margin-block: 0.5em; }
  summary { cursor: pointer; color: var(--_accent); }
  table { border-collapse: collapse; inline-size: 100%; margin-block: 0.5em; font-size: 0.925em; }
  th, td { padding: 0.3em 0.5em; border-block-end: 1px solid var(--_line); text-align: start; }
  .n { text-align: end; font-variant-numeric: tabular-nums; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(10em, 1fr)); gap: 0.75em; margin: 1em 0 0; }
  .tiles div { border: 1px solid var(--_line); border-radius: var(--_radius); padding: 0.5em 0.75em; }
  dt { font-size: 0.875em; color: var(--_muted); }
  dd { margin: 0; display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5em; }
  dd strong { font-size: 1.25em; }
  ul { margin: 0; padding-inline-start: 1.25em; }
  time { font-weight: 600; }
`;
