// One source for the audience of each profile field: the contract's ProfessionalVisibility defaults.
import { profileFieldDefaults, profileFields } from '@mahjar/sdk';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/contract.js';
import { completeVisibility, VISIBILITY_DEFAULTS } from '../../src/operations/professionals/model.js';

describe('profile field audiences', () => {
  it('are the contract’s defaults, the same in the server and in the SDK the elements use', () => {
    const schemas = (contract().doc.components as { schemas: Record<string, { properties?: object }> }).schemas;
    const declared = Object.keys(schemas.ProfessionalVisibility?.properties ?? {});
    expect(Object.keys(VISIBILITY_DEFAULTS)).toEqual(declared);
    expect(profileFields).toEqual(declared);
    expect(VISIBILITY_DEFAULTS).toEqual(profileFieldDefaults);
    expect(VISIBILITY_DEFAULTS.city).toBe('members');
    expect(completeVisibility({ city: 'private' })).toEqual({ ...profileFieldDefaults, city: 'private' });
  });
});
