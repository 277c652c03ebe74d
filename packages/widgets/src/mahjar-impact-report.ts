/**
 * Registers `<mahjar-impact-report>`: `import '@mahjar/widgets/impact-report'`.
 * The only side effect of this entry point is the definition below.
 */
import { MahjarImpactReport } from './impact-report/impact-report.js';
import { defineElement } from './shared/define.js';

defineElement('mahjar-impact-report', MahjarImpactReport);

export { MahjarImpactReport };
