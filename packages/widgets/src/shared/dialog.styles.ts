import { css } from './theme.js';

/**
 * The modal `<dialog>` of the donate button, the directory's profile and the calendar's event: its
 * frame, backdrop, header and close button. An element sets the width with `--_dialog-width`.
 */
export const dialogStyles = css`
  dialog {
    inline-size: min(var(--_dialog-width, 30em), 100% - 2em); max-block-size: calc(100% - 2em); padding: var(--_space);
    border: 1px solid var(--_line); border-radius: var(--_radius); background: var(--_bg); color: var(--_fg);
  }
  dialog::backdrop { background: #0009; }
  header { display: flex; align-items: start; justify-content: space-between; gap: 1em; }
  .x { border: 0; background: none; font-size: 1.5em; line-height: 1; padding: 0 0.25em; cursor: pointer; }
`;
