/**
 * Registers `<mahjar-needs-board>`: `import '@mahjar/widgets/needs-board'`.
 * The only side effect of this entry point is the definition below.
 */
import { MahjarNeedsBoard } from './needs-board/needs-board.js';
import { defineElement } from './shared/define.js';

defineElement('mahjar-needs-board', MahjarNeedsBoard);

export { MahjarNeedsBoard };
