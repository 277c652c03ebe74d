/**
 * Classes and helpers, without registering any tag: `import { MahjarDonateButton } from '@mahjar/widgets'`.
 * To register, import `@mahjar/widgets/<element>` or call `defineElement` yourself.
 */
export {
  type DonationRedirectDetail,
  type DonationStartDetail,
  MahjarDonateButton,
} from './donate-button/donate-button.js';
export {
  type EventOpenDetail,
  MahjarEventCalendar,
  type RegistrationCompleteDetail,
} from './event-calendar/event-calendar.js';
export { MahjarImpactReport, type QuarterChangeDetail } from './impact-report/impact-report.js';
export {
  MahjarMemberAccount,
  type MemberSignedInDetail,
  type MemberSignedOutDetail,
} from './member-account/member-account.js';
export {
  MahjarMemberSignup,
  type SignupStepDetail,
  type SignupSubmittedDetail,
} from './member-signup/member-signup.js';
export { MahjarNeedsBoard, type NeedAnsweredDetail } from './needs-board/needs-board.js';
export { MahjarProvider } from './provider/provider.js';
export { type MahjarConfig, mahjarContext, type Theme } from './shared/context.js';
export { defineElement } from './shared/define.js';
export type { MahjarErrorDetail } from './shared/events.js';
export {
  currencyDigits,
  formatMoney,
  formatNumber,
  formatPercent,
  type Locale,
  parseAmount,
} from './shared/localize.js';
export { MahjarElement } from './shared/mahjar-element.js';
export { VERSION } from './shared/version.js';
export {
  type ContactSentDetail,
  type DirectorySearchDetail,
  MahjarSpecialistDirectory,
  type ProfileOpenDetail,
} from './specialist-directory/specialist-directory.js';
