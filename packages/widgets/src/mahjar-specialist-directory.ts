/**
 * Registers `<mahjar-specialist-directory>`: `import '@mahjar/widgets/specialist-directory'`.
 * The only side effect of this entry point is the definition below.
 */
import { defineElement } from './shared/define.js';
import { MahjarSpecialistDirectory } from './specialist-directory/specialist-directory.js';

defineElement('mahjar-specialist-directory', MahjarSpecialistDirectory);

export { MahjarSpecialistDirectory };
