/**
 * The steps after the first, loaded as a separate chunk right after the first render (the first
 * step needs none of this), with the submission and its proof of work.
 */
import type { TemplateResult } from 'lit';
import type { Ctx } from './fields.js';
import { background, chapters, offers } from './more.js';
import { practice } from './practice.js';
import { privacy } from './privacy.js';
import { review } from './review.js';

export { stepOf, submit } from './review.js';
export const steps: Record<string, (c: Ctx) => TemplateResult> = {
  practice,
  background,
  offers,
  chapters,
  privacy,
  review,
};
