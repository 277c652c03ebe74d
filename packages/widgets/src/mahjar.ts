/**
 * The script-tag bundle: registers every Mahjar element.
 * `<script type="module" src="https://…/mahjar.js"></script>`
 */
import './mahjar-provider.js';
import './mahjar-donate-button.js';

export * from './index.js';
