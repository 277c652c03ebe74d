/**
 * Registers `<mahjar-donate-button>`: `import '@mahjar/widgets/donate-button'`.
 * The only side effect of this entry point is the definition below.
 */
import { MahjarDonateButton } from './donate-button/donate-button.js';
import { defineElement } from './shared/define.js';

defineElement('mahjar-donate-button', MahjarDonateButton);

export { MahjarDonateButton };
