import {
  type ChallengeSolution,
  type MahjarClient,
  type Problem,
  profileFields,
  type SignupRequest,
} from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Submission } from '../shared/submission.js';
import { check as rule } from './constraints.js';
import { type Data, type FieldsView, get, type SignupView } from './fields.js';
import { offered, str } from './more.js';
import { sha256, solve } from './pow.js';
import { fieldLabel, NOTICE_VERSION, preview, visibility } from './privacy.js';
import { chapters, countryName, languageName, nameIn, priorityAreas } from './taxonomy.js';

/** The ministries the chosen chapters work with, each once. */
const ministriesOf = (view: FieldsView, chosen: string[]): string[] => {
  const list = chapters(view);
  return [...new Set((Array.isArray(list) ? list : []).flatMap((o) => (chosen.includes(o.slug) ? o.ministries : [])))];
};

const filled = (o: Data) => Object.values(o).some((v) => str(v));
const num = (v: unknown) => (str(v) ? Number(v) : undefined);

/** The request body from the draft, and the draft path of each body array entry (for the server's pointers). */
interface Built {
  body: SignupRequest;
  pointers: Record<string, string>;
}

/** The request body from the draft, and where each body array index came from (for the server's pointers). */
export function build(view: FieldsView, challenge: ChallengeSolution, noticeHash: string): Built {
  const answers = view.answers;
  const pointers: Record<string, string> = {};
  const rows = (key: string) =>
    ((answers[key] as Data[] | undefined) ?? [])
      .flatMap((r, i) => (filled(r) ? [[r, i] as const] : []))
      .map(([r, i], j) => {
        pointers[`/${key}/${j}`] = `${key}.${i}`;
        return r;
      });
  const school = (answers.medicalSchool as Data | undefined) ?? {};
  const offers = offered(answers);
  for (const [j, o] of offers.entries()) pointers[`/offers/${j}`] = `offers.${o.kind}`;
  const perms = (answers.permissions as Record<string, boolean> | undefined) ?? {};
  const body = {
    title: str(answers.title),
    profession: answers.profession,
    givenName: str(answers.givenName),
    familyName: str(answers.familyName),
    givenNameAr: str(answers.givenNameAr),
    familyNameAr: str(answers.familyNameAr),
    email: str(answers.email),
    specialties: answers.specialties ?? [],
    country: answers.country,
    city: str(answers.city),
    affiliations: rows('affiliations').map((r) => ({ institution: str(r.institution), role: str(r.role) })),
    credentials: rows('credentials').map((r) => ({
      kind: r.kind,
      name: str(r.name),
      issuer: str(r.issuer),
      country: r.country,
      year: num(r.year),
    })),
    languages: answers.languages ?? [],
    medicalSchool: filled(school)
      ? { name: str(school.name), country: school.country, graduationYear: num(school.graduationYear) }
      : undefined,
    chapters: answers.chapters ?? [],
    offers,
    bio: str(answers.bio),
    visibility: visibility(answers),
    consent: {
      noticeVersion: NOTICE_VERSION,
      noticeHash,
      locale: view.intl,
      sourceSite: location.origin + location.pathname,
      permissions: {
        // "share with the ministry": the home ministries of the chapters chosen (Organisation.ministries)
        ministries: perms.shareWithMinistry ? ministriesOf(view, (answers.chapters as string[] | undefined) ?? []) : [],
        transferAbroad: !!perms.transferAbroad,
        newsletter: !!perms.newsletter,
      },
    },
    website: String(answers.website ?? ''),
    challenge,
  };
  return { body: body as SignupRequest, pointers };
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

/** The draft path a problem pointer names (`pointers` from `build`: body array entries to draft rows). */
export function pathOf(pointer: string, pointers: Record<string, string>): string {
  const prefix = Object.keys(pointers).find((each) => pointer.startsWith(`${each}/`));
  const path = (prefix ? pointers[prefix] + pointer.slice(prefix.length) : pointer).replace(/\//g, '.').slice(1);
  return (/^(specialties|languages|chapters)\./.test(path) ? path.split('.')[0]! : path) || 'review';
}

/** The message for a draft path the server refused, in the reader's language (the field's own rule says why). */
export function messageOf({ answers, strings }: FieldsView, path: string): string {
  const why = rule(path, get(answers, path), true);
  return why && why !== 'tooLong' ? (strings as unknown as Record<string, string>)[why]! : strings.invalid;
}

/** SHA-256 of a text, as lowercase hex (the notice hash of a consent). */
export const hex = async (text: string): Promise<string> =>
  Array.from(new Uint8Array(await sha256(text)), (b) => b.toString(16).padStart(2, '0')).join('');

const pending = new WeakMap<MahjarClient, Promise<ChallengeSolution | Problem>>();

async function fresh(view: SignupView): Promise<ChallengeSolution | Problem> {
  const { data, error } = await view.client!.GET('/v1/signups/challenge');
  if (!data) return error as Problem;
  const { submission } = view;
  const nonce = await solve(data.token, data.difficulty, (progress) => {
    submission.progress = progress;
    if (submission.sending) view.update();
  });
  submission.progress = 1;
  return { token: data.token, nonce };
}

/**
 * Starts the proof of work as soon as the review shows, so "Join" rarely waits for it. A challenge
 * already solved ahead for this client (by another form on the page) counts as this form's too.
 */
function prefetch(view: SignupView): void {
  const { client, submission } = view;
  if (!client) return;
  const ahead = pending.get(client);
  if (!ahead) pending.set(client, fresh(view));
  else if (submission.progress === undefined)
    ahead.then((got) => {
      if ('nonce' in got) submission.progress = 1;
    });
}

async function challenge(view: SignupView): Promise<ChallengeSolution | Problem> {
  const got = await (pending.get(view.client!) ?? fresh(view));
  pending.delete(view.client!);
  return 'nonce' in got ? got : fresh(view);
}

/** The signup's `Submission`, with the progress of its proof of work. */
export type SignupSubmission = Submission & {
  /** Progress of the proof of work, from 0 to 1 (solved). */
  progress?: number;
};

/**
 * Sends the signup. The draft's Idempotency-Key goes with every attempt, and while the answers
 * are unchanged the very body of the last attempt (same challenge) is resent: a retry after a
 * network failure, a 5xx or a reload is answered by the server from its record, never twice.
 * A spent or expired challenge changed nothing on the server: a new one is solved, once.
 */
export async function submit(view: SignupView): Promise<void> {
  const { submission, draft, client, intl } = view;
  const { key } = draft;
  if (!client) return;
  submission.progress = undefined;
  const basis = JSON.stringify(view.answers);
  // A reload keeps the last attempt in the draft.
  if (draft.sent && draft.basis === basis && submission.attempt?.basis !== basis)
    submission.attempt = { basis, body: JSON.parse(draft.sent), key };
  const outcome = await submission.submit<SignupRequest, { professionalId: string }>(
    {
      basis,
      key,
      body: async () => {
        const solution = await challenge(view);
        if (!('nonce' in solution)) throw solution;
        const { body } = build(view, solution, await hex(view.strings.notice));
        draft.sent = JSON.stringify(body);
        draft.basis = basis;
        draft.save();
        return body;
      },
      send: (body, idempotencyKey) =>
        client.POST('/v1/signups', {
          params: { header: { 'Idempotency-Key': idempotencyKey, 'Accept-Language': intl } },
          body,
        }),
      retryWhen: (problem) => problem.type.endsWith('/challenge-failed'),
    },
    // (where body array entries came from does not depend on the challenge or the notice)
    (pointer) => pathOf(pointer, build(view, (submission.attempt!.body as SignupRequest).challenge, '').pointers),
    (path) => messageOf(view, path),
  );
  if (outcome)
    'result' in outcome
      ? view.done(outcome.result.professionalId)
      : view.fail(outcome.problem, submission.errors as Record<string, string>);
}

export function review(view: SignupView): TemplateResult {
  const { strings, answers, intl } = view;
  prefetch(view);
  const chosen = visibility(answers);
  const list = (a: unknown) => (a as string[] | undefined) ?? [];
  const offers = offered(answers);
  const areas = offers.some((o) => o.priorityArea) ? priorityAreas(view) : undefined;
  /** One line of the summary, with the button that edits it on its step; nothing when the answer is blank. */
  const row = (step: string, label: string, value: unknown) =>
    str(value)
      ? html`<dt>${label}</dt><dd><bdi>${value}</bdi> <button type="button" class="link" aria-label="${strings.edit}: ${label}" @click=${() => view.goto(step)}>${strings.edit}</button></dd>`
      : nothing;
  const hidden = profileFields.filter((field) => chosen[field] !== 'public');
  return html`${preview(view, 3)}
    <dl class="review">${[
      row('identity', strings.email, answers.email),
      row('practice', strings.country, answers.country && countryName(String(answers.country), intl)),
      row('practice', strings.city, answers.city),
      row(
        'practice',
        strings.languages,
        new Intl.ListFormat(intl).format(list(answers.languages).map((l) => languageName(l, intl))),
      ),
      row(
        'practice',
        strings.affiliations,
        ((answers.affiliations as Data[]) ?? [])
          .filter(filled)
          .map((r) => [r.institution, r.role].filter(Boolean).join(', '))
          .join('; '),
      ),
      row(
        'practice',
        strings.credentials,
        ((answers.credentials as Data[]) ?? [])
          .filter(filled)
          .map((r) => r.name)
          .join('; '),
      ),
      row('background', strings.school, (answers.medicalSchool as Data | undefined)?.name),
      row('offers', strings.steps.offers, offers.map((o) => strings.offerKinds[o.kind]).join(', ')),
      row(
        'offers',
        strings.priorityArea,
        new Intl.ListFormat(intl).format(
          offers.flatMap((o) =>
            o.priorityArea ? [`${strings.offerKinds[o.kind]}: ${nameIn(areas, o.priorityArea, view)}`] : [],
          ),
        ),
      ),
      row(
        'privacy',
        strings.permissions,
        (['shareWithMinistry', 'transferAbroad', 'newsletter'] as const)
          .filter((k) => (answers.permissions as Data | undefined)?.[k])
          .map((k) => strings.perms[k])
          .join(' '),
      ),
    ]}
    <dt>${strings.privacyIntro}</dt><dd>${hidden.map((field) => `${fieldLabel(view, field)}: ${strings.levels[chosen[field]]}`).join(' · ')}</dd></dl>
    <div class="vh" aria-hidden="true"><label for="website">${strings.honeypot}</label><input id="website" name="website" tabindex="-1" autocomplete="off" .value=${String(answers.website ?? '')} /></div>`;
}
