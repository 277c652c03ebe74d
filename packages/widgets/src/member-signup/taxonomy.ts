import type { LocalizedText, MahjarClient, Organisation, PriorityArea, Problem, Specialty } from '@mahjar/sdk';
import { localText } from '../shared/localize.js';
import type { FieldsView } from './fields.js';

/**
 * ISO 3166-1 alpha-2 codes, named in the user's language with Intl.DisplayNames: for each first
 * letter from A to Z, the second letters of its codes (under A, `DEFG…` for AD, AE, AF, AG…). The
 * codes in a row cost 319 B brotli, written this way 160 B; `countries()` spells them out.
 */
const REGIONS =
  'DEFGILMOQRSTUWXZ ABDEFGHIJLMNOQRSTVWYZ ACDFGHIKLMNORUVWXYZ EJKMOZ CEGHRST IJKMOR ABDEFGHILMNPQRSTUWY KMNRTU DELMNOQRST EMOP EGHIMNPRWYZ ABCIKRSTUVY ACDEFGHKLMNOPQRSTUVWXYZ ACEFGILOPRUZ M AEFGHKLMNRSTWY A EOSUW ABCDEGHIJKLMNORSTVXYZ CDFGHJKLMNORTVWZ AGMSYZ ACEGINU FS  ET AMW';
/** Languages offered as checkboxes (ISO 639-1), the diaspora's most common first. */
export const LANGUAGES = 'ar en fr de es it pt sv nl el tr hy fa ku ru ro pl zh hi ur'.split(' ');

const names = (l: string, type: 'region' | 'language') => new Intl.DisplayNames(l, { type, fallback: 'code' });

/** Sorted [code, name] of every country, for a native select. */
export function countries(locale: string): [string, string][] {
  const regions = names(locale, 'region');
  return REGIONS.split(' ')
    .flatMap((seconds, first) => [...seconds].map((second) => String.fromCharCode(65 + first) + second))
    .map((code): [string, string] => [code, regions.of(code)!])
    .sort((a, b) => a[1].localeCompare(b[1], locale));
}
export const countryName = (code: string, locale: string): string => names(locale, 'region').of(code) ?? code;
export const languageName = (code: string, locale: string): string => names(locale, 'language').of(code) ?? code;

type Loaded<T> = T[] | Problem | undefined;
const caches = new WeakMap<MahjarClient, Map<string, Loaded<unknown>>>();

/** Loads a list once per client (specialties, chapters); re-renders when it arrives; a failure can be retried. */
function once<T>(
  view: FieldsView,
  key: string,
  load: (client: MahjarClient) => Promise<{ data?: { items: T[] }; error?: unknown }>,
): Loaded<T> {
  const client = view.client;
  if (!client) return undefined;
  const cache = caches.get(client) ?? new Map<string, Loaded<unknown>>();
  caches.set(client, cache);
  const id = key;
  if (!cache.has(id)) {
    cache.set(id, undefined);
    load(client).then(({ data, error }) => {
      cache.set(id, data?.items ?? (error as Problem));
      view.update();
    });
  }
  return cache.get(id) as Loaded<T>;
}
export const retry = (key: string, view: FieldsView): void => {
  if (view.client) caches.get(view.client)?.delete(key);
  view.update();
};

export const specialties = (view: FieldsView): Loaded<Specialty> =>
  once(view, 'specialties', (api) => api.GET('/v1/taxonomies/specialties'));

export const chapters = (view: FieldsView): Loaded<Organisation> =>
  once(view, 'chapters', (api) =>
    api.GET('/v1/organisations', { params: { query: { kind: ['chapter', 'umbrella'], limit: 100 } as never } }),
  );

/** The National Health Strategy priority areas an offer can point at. */
export const priorityAreas = (view: FieldsView): Loaded<PriorityArea> =>
  once(view, 'priorityAreas', (api) => api.GET('/v1/taxonomies/priority-areas'));

/** The name of a code from a loaded list in the shown language; the code itself until the list is there. */
export const nameIn = (list: Loaded<{ code: string; name: LocalizedText }>, code: string, view: FieldsView): string => {
  const found = Array.isArray(list) ? list.find((each) => each.code === code) : undefined;
  return found ? localText(found.name, view.ui).text : code;
};
