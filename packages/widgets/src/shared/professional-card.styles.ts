import { css } from './theme.js';

/**
 * The result card of `card()` (professional-card.ts) and its list, as the directory shows them;
 * the signup's preview adopts the same sheet, so the preview cannot drift from the directory.
 */
export const cardStyles = css`
  .list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75em;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--mahjar-specialist-directory-card, 16em)), 1fr)); }
  .item { border: 1px solid var(--_line); border-radius: var(--_radius); padding: 0.75em; min-inline-size: 0; }
  .item .h { margin: 0; font-size: 1.1em; line-height: 1.3; font-weight: bold; }
  .item p { margin: 0.25em 0; }
  .clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; overflow-wrap: anywhere; }
  .name { display: inline-block; border: 0; padding: 0; background: none; font: inherit; text-align: start; color: var(--_accent);
    font-weight: 700; text-decoration: underline; text-underline-offset: 0.15em; }
  button.name { cursor: pointer; }
  .alt { font-weight: 400; }
  .tags { display: flex; flex-wrap: wrap; gap: 0.25em; list-style: none; padding: 0; margin: 0.4em 0 0; }
  .tags li { padding: 0 0.6em; border: 1px solid var(--_line); border-radius: 1em; font-size: 0.875em; }
`;
