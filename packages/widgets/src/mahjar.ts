/**
 * The script-tag bundle: registers every Mahjar element.
 * `<script type="module" src="https://…/mahjar.js"></script>`
 */
import './mahjar-provider.js';
import './mahjar-donate-button.js';
import './mahjar-specialist-directory.js';
import './mahjar-event-calendar.js';
import './mahjar-member-signup.js';
import './mahjar-member-account.js';
import './mahjar-impact-report.js';
import './mahjar-needs-board.js';

export * from './index.js';
