/**
 * Registers `<mahjar-member-account>`: `import '@mahjar/widgets/member-account'`.
 * The only side effect of this entry point is the definition below.
 */
import { MahjarMemberAccount } from './member-account/member-account.js';
import { defineElement } from './shared/define.js';

defineElement('mahjar-member-account', MahjarMemberAccount);

export { MahjarMemberAccount };
