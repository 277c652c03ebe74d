/**
 * The steps after the first, loaded as a separate chunk right after the first render (the first
 * step needs none of this), with their styles, the field checks (first used by Continue, which
 * waits for this chunk anyway), the submission and its proof of work.
 */
import type { TemplateResult } from 'lit';
import { cardStyles } from '../shared/professional-card.styles.js';
import type { SignupView } from './fields.js';
import { laterStyles } from './later.styles.js';
import { background, chapters, offers } from './more.js';
import { practice } from './practice.js';
import { privacy } from './privacy.js';
import { review } from './review.js';

export { Submission } from '../shared/submission.js';
export { validate } from './constraints.js';
export { stepOf, submit } from './review.js';
export const steps: Record<string, (view: SignupView) => TemplateResult> = {
  practice,
  background,
  offers,
  chapters,
  privacy,
  review,
};

/** Adds the later steps' styles (the directory's card styles among them, for the preview) to a shadow root, once. */
export function adopt(root: ShadowRoot): void {
  const have = root.adoptedStyleSheets;
  root.adoptedStyleSheets = [...have, ...[cardStyles, laterStyles].filter((sheet) => !have.includes(sheet))];
}
