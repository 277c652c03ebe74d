import type { ProfessionalVisibility, Visibility } from './generated/schema.js';

/** A profile field whose audience the professional chooses (a key of the contract's `ProfessionalVisibility`). */
export type ProfileField = keyof ProfessionalVisibility;

/**
 * The audience of each profile field left out of `visibility`, as the contract's `ProfessionalVisibility`
 * states it: what makes a professional findable is public, where they work and trained is for members.
 * Declared once, here, and checked against the contract (a field added to `ProfessionalVisibility`
 * fails the build until it is listed); servers, elements and tests import it.
 */
export const profileFieldDefaults = {
  title: 'public',
  profession: 'public',
  givenName: 'public',
  familyName: 'public',
  givenNameAr: 'public',
  familyNameAr: 'public',
  specialties: 'public',
  country: 'public',
  city: 'members',
  affiliations: 'members',
  credentials: 'members',
  languages: 'public',
  medicalSchool: 'members',
  chapters: 'public',
  offers: 'public',
  bio: 'public',
} as const satisfies Record<ProfileField, Visibility>;

/** Every profile field with a chosen audience, in the contract's order. */
export const profileFields = Object.keys(profileFieldDefaults) as ProfileField[];
