/**
 * Registers `<mahjar-member-signup>`: `import '@mahjar/widgets/member-signup'`.
 * The only side effect of this entry point is the definition below.
 */
import { MahjarMemberSignup } from './member-signup/member-signup.js';
import { defineElement } from './shared/define.js';

defineElement('mahjar-member-signup', MahjarMemberSignup);

export { MahjarMemberSignup };
