/**
 * Registers `<mahjar-provider>`: `import '@mahjar/widgets/provider'`.
 * The only side effect of this entry point is the definition below.
 */
import { MahjarProvider } from './provider/provider.js';
import { defineElement } from './shared/define.js';

defineElement('mahjar-provider', MahjarProvider);

export { MahjarProvider };
