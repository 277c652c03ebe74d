import { css } from '../shared/theme.js';

/** What the sign-in form and the frame need; the signed-in account brings the rest (account.styles.ts). */
export const styles = css`
  h2 { font-size: 1.25em; line-height: 1.25; margin: 0 0 0.5em; }
  h2:focus { outline: none; }
  p { margin: 0.25em 0; }
  label, legend { font-weight: 600; padding: 0; }
  .f { display: flex; flex-direction: column; gap: 0.25em; margin-block: 0.75em; }
  input:not([type='checkbox']), select, textarea {
    inline-size: 100%; min-block-size: calc(2.5em + 2px); padding: 0.5em 0.75em; font: inherit; color: inherit;
    border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg);
  }
  small { font-size: 0.875em; }
  [aria-invalid='true'] { border-color: var(--_danger); }
`;
