import type { ChallengeSolution, MahjarClient, Problem, SignupRequest } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { check as rule } from './constraints.js';
import type { Ctx, Data } from './fields.js';
import { offered } from './more.js';
import { solve } from './pow.js';
import { DEFAULT_VISIBILITY, fieldLabel, NOTICE_VERSION, preview, visibility } from './privacy.js';
import { countryName, languageName, nameIn, priorityAreas } from './taxonomy.js';

const str = (v: unknown) => String(v ?? '').trim() || undefined;
const filled = (o: Data) => Object.values(o).some((v) => str(v));
const num = (v: unknown) => (str(v) ? Number(v) : undefined);

/** The request body from the draft, and where each body array index came from (for the server's pointers). */
export function build(
  c: Ctx,
  challenge: ChallengeSolution,
  noticeHash: string,
): [SignupRequest, Record<string, string>] {
  const d = c.d;
  const map: Record<string, string> = {};
  const rows = (key: string) =>
    ((d[key] as Data[] | undefined) ?? [])
      .flatMap((r, i) => (filled(r) ? [[r, i] as const] : []))
      .map(([r, i], j) => {
        map[`/${key}/${j}`] = `${key}.${i}`;
        return r;
      });
  const school = (d.medicalSchool as Data | undefined) ?? {};
  const offers = offered(d);
  for (const [j, o] of offers.entries()) map[`/offers/${j}`] = `offers.${o.kind}`;
  const perms = (d.permissions as Record<string, boolean> | undefined) ?? {};
  const body = {
    title: str(d.title),
    profession: d.profession,
    givenName: str(d.givenName),
    familyName: str(d.familyName),
    givenNameAr: str(d.givenNameAr),
    familyNameAr: str(d.familyNameAr),
    email: str(d.email),
    specialties: d.specialties ?? [],
    country: d.country,
    city: str(d.city),
    affiliations: rows('affiliations').map((r) => ({ institution: str(r.institution), role: str(r.role) })),
    credentials: rows('credentials').map((r) => ({
      kind: r.kind,
      name: str(r.name),
      issuer: str(r.issuer),
      country: r.country,
      year: num(r.year),
    })),
    languages: d.languages ?? [],
    medicalSchool: filled(school)
      ? { name: str(school.name), country: school.country, graduationYear: num(school.graduationYear) }
      : undefined,
    chapters: d.chapters ?? [],
    offers,
    bio: str(d.bio),
    visibility: visibility(d),
    consent: {
      noticeVersion: NOTICE_VERSION,
      noticeHash,
      locale: c.intl,
      sourceSite: location.origin + location.pathname,
      permissions: {
        shareWithMinistry: !!perms.shareWithMinistry,
        transferAbroad: !!perms.transferAbroad,
        newsletter: !!perms.newsletter,
      },
    },
    website: String(d.website ?? ''),
    challenge,
  };
  return [body as SignupRequest, map];
}

const STEP_OF: [string, RegExp][] = [
  ['identity', /^(title|profession|givenName|familyName|givenNameAr|familyNameAr|email)$/],
  ['practice', /^(specialties|country|city|languages|affiliations|credentials)/],
  ['background', /^(medicalSchool|bio)/],
  ['offers', /^offers/],
  ['chapters', /^chapters/],
  ['privacy', /^(visibility|consent|permissions)/],
];
/** The step that shows a draft path. */
export const stepOf = (path: string): string => STEP_OF.find(([, r]) => r.test(path))?.[0] ?? 'review';

/** The server's field errors (JSON pointers into the body) as draft paths with messages in the user's language. */
export function fieldErrors(c: Ctx, p: Problem, map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { pointer } of p.errors ?? []) {
    const prefix = Object.keys(map).find((k) => pointer.startsWith(`${k}/`));
    let path = (prefix ? map[prefix] + pointer.slice(prefix.length) : pointer).replace(/\//g, '.').slice(1);
    if (/^(specialties|languages|chapters)\./.test(path)) path = path.split('.')[0]!;
    const why = rule(
      path,
      path.split('.').reduce<unknown>((o, k) => (o as Data | undefined)?.[k], c.d),
      true,
    );
    const s = c.s as unknown as Record<string, string>;
    out[path || 'review'] = why && why !== 'tooLong' ? s[why]! : c.s.invalid;
  }
  return out;
}

const hex = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

const pending = new WeakMap<MahjarClient, Promise<ChallengeSolution | Problem>>();

async function fresh(c: Ctx): Promise<ChallengeSolution | Problem> {
  const { data, error } = await c.client!.GET('/v1/signups/challenge');
  if (!data) return error as Problem;
  const nonce = await solve(data.token, data.difficulty, (p) => {
    c.st.progress = p;
    if (c.st.sending) c.update();
  });
  c.st.progress = 1;
  return { token: data.token, nonce };
}

/** Starts the proof of work as soon as the review shows, so "Join" rarely waits for it. */
const prefetch = (c: Ctx) => c.client && !pending.has(c.client) && pending.set(c.client, fresh(c));

async function challenge(c: Ctx): Promise<ChallengeSolution | Problem> {
  const got = await (pending.get(c.client!) ?? fresh(c));
  pending.delete(c.client!);
  return 'nonce' in got ? got : fresh(c);
}

/**
 * Sends the signup. The draft's Idempotency-Key goes with every attempt, and while the answers
 * are unchanged the very body of the last attempt (same challenge) is resent: a retry after a
 * network failure, a 5xx or a reload is answered by the server from its record, never twice.
 */
export async function submit(c: Ctx): Promise<void> {
  const { st, saved } = c;
  if (!c.client) return;
  st.sending = true;
  st.problem = undefined;
  st.progress = undefined;
  c.update();
  try {
    const basis = JSON.stringify(c.d);
    const hash = await hex(c.s.notice);
    let body: SignupRequest | undefined = saved.sent && saved.basis === basis ? JSON.parse(saved.sent) : undefined;
    for (let attempt = 0; ; attempt++) {
      if (!body) {
        const sol = await challenge(c);
        if (!('nonce' in sol)) return c.fail(sol, {});
        body = build(c, sol, hash)[0];
        saved.sent = JSON.stringify(body);
        saved.basis = basis;
        c.save();
      }
      const { data, error } = await c.client.POST('/v1/signups', {
        params: { header: { 'Idempotency-Key': saved.key, 'Accept-Language': c.intl } },
        body,
      });
      if (data) return c.done(data.professionalId);
      const p = error as Problem;
      // A spent or expired challenge changed nothing on the server: solve a new one, once.
      if (p.type.endsWith('/challenge-failed') && !attempt) {
        body = undefined;
        continue;
      }
      return c.fail(p, fieldErrors(c, p, build(c, body.challenge, hash)[1]));
    }
  } finally {
    st.sending = false;
    c.update();
  }
}

export function review(c: Ctx): TemplateResult {
  const { s, d } = c;
  prefetch(c);
  const v = visibility(d);
  const list = (a: unknown) => (a as string[] | undefined) ?? [];
  const offers = offered(d);
  const areas = offers.some((o) => o.priorityArea) ? priorityAreas(c) : undefined;
  const rows: [string, string, unknown][] = [
    ['identity', s.email, d.email],
    ['practice', s.country, d.country && countryName(String(d.country), c.intl)],
    ['practice', s.city, d.city],
    [
      'practice',
      s.languages,
      new Intl.ListFormat(c.intl).format(list(d.languages).map((l) => languageName(l, c.intl))),
    ],
    [
      'practice',
      s.affiliations,
      ((d.affiliations as Data[]) ?? [])
        .filter(filled)
        .map((r) => [r.institution, r.role].filter(Boolean).join(', '))
        .join('; '),
    ],
    [
      'practice',
      s.credentials,
      ((d.credentials as Data[]) ?? [])
        .filter(filled)
        .map((r) => r.name)
        .join('; '),
    ],
    ['background', s.school, (d.medicalSchool as Data | undefined)?.name],
    ['offers', s.steps.offers, offers.map((o) => s.offerKinds[o.kind]).join(', ')],
    [
      'offers',
      s.priorityArea,
      new Intl.ListFormat(c.intl).format(
        offers.flatMap((o) => (o.priorityArea ? [`${s.offerKinds[o.kind]}: ${nameIn(areas, o.priorityArea, c)}`] : [])),
      ),
    ],
    [
      'privacy',
      s.permissions,
      (['shareWithMinistry', 'transferAbroad', 'newsletter'] as const)
        .filter((k) => (d.permissions as Data | undefined)?.[k])
        .map((k) => s.perms[k])
        .join(' '),
    ],
  ];
  const hidden = (Object.keys(DEFAULT_VISIBILITY) as (keyof typeof DEFAULT_VISIBILITY)[]).filter(
    (f) => v[f] !== 'public',
  );
  return html`${preview(c, 3)}
    <dl class="review">${rows.map(([step, label, value]) =>
      str(value)
        ? html`<dt>${label}</dt><dd><bdi>${value}</bdi> <button type="button" class="link" aria-label="${s.edit}: ${label}" @click=${() => c.goto(step)}>${s.edit}</button></dd>`
        : nothing,
    )}
    <dt>${s.privacyIntro}</dt><dd>${hidden.map((f) => `${fieldLabel(c, f)}: ${s.levels[v[f]]}`).join(' · ')}</dd></dl>
    <div class="hp" aria-hidden="true"><label for="website">${s.honeypot}</label><input id="website" name="website" tabindex="-1" autocomplete="off" .value=${String(d.website ?? '')} /></div>`;
}
