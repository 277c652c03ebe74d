import { FACETS, noFilters, type Query, type Sort } from './search.js';

/**
 * The directory's state in the page's URL (opt-in `url-state`), as `mahjar-*` query parameters so
 * they never collide with the host site's own (`?p=`, `?s=`, …):
 * `?mahjar-q=haddad&mahjar-specialty=cardiology&mahjar-offer=telehealth&mahjar-profile=<id>`.
 */
const P = 'mahjar-';

export interface UrlState extends Query {
  profile: string;
}

export function readUrl(): UrlState {
  const u = new URLSearchParams(location.search);
  const filters = noFilters();
  for (const f of FACETS) filters[f] = u.getAll(P + f).filter(Boolean);
  return {
    q: u.get(`${P}q`) ?? '',
    filters,
    sort: (u.get(`${P}sort`) ?? '') as Sort,
    profile: u.get(`${P}profile`) ?? '',
  };
}

/** Writes the state; `push` adds a history entry (a facet, a profile), else the current one is replaced (typing). */
export function writeUrl(s: UrlState, push: boolean): void {
  const url = new URL(location.href);
  const u = url.searchParams;
  for (const k of [...u.keys()]) if (k.startsWith(P)) u.delete(k);
  if (s.q) u.set(`${P}q`, s.q);
  for (const f of FACETS) for (const v of s.filters[f]) u.append(P + f, v);
  if (s.sort) u.set(`${P}sort`, s.sort);
  if (s.profile) u.set(`${P}profile`, s.profile);
  if (url.href !== location.href) history[push ? 'pushState' : 'replaceState'](history.state, '', url);
}
