import type { Problem, Professional } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { nameOf, where } from '../shared/professional-card.js';
import type { MahjarSpecialistDirectory as D } from './specialist-directory.js';

/** Text with its http(s) addresses as links; nothing else becomes a link (`javascript:` stays text). */
const linkify = (text: string): unknown[] =>
  text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((t, i) => (i % 2 ? html`<a href=${t} target="_blank" rel="noopener noreferrer nofollow ugc">${t}</a>` : t));

function details(d: D, p: Professional): unknown {
  const { s } = d;
  const row = (label: string, value: unknown) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing);
  const ul = (xs: unknown[] | undefined) => (xs?.length ? html`<ul>${xs.map((x) => html`<li>${x}</li>`)}</ul>` : '');
  const b = (t: string) => html`<bdi>${t}</bdi>`;
  const joined = new Intl.DateTimeFormat(d.intl, { year: 'numeric', month: 'long' }).format(new Date(p.joinedAt));
  return html`<dl>
      ${row(s.profession, p.profession && s.professions[p.profession])}
      ${row(s.facets.specialty, ul(p.specialties?.map((c) => d.label('specialty', c))))}
      ${row(s.location, where(d, p) && b(where(d, p)))}
      ${row(s.facets.language, ul(p.languages?.map((l) => d.label('language', l))))}
      ${row(
        s.facets.offer,
        ul(p.offers?.map((o) => html`<strong>${d.label('offer', o.kind)}</strong>: ${b(o.availability)}`)),
      )}
      ${row(s.affiliations, ul(p.affiliations?.map((a) => html`${b(a.institution)}${a.role ? html` — ${b(a.role)}` : ''}`)))}
      ${row(
        s.credentials,
        ul(
          p.credentials?.map(
            (c) =>
              html`${b(c.name)} (${b(c.issuer)}${c.year ? `, ${c.year}` : ''}) · ${s.verification[c.verification]}`,
          ),
        ),
      )}
      ${row(s.school, p.medicalSchool && html`${b(p.medicalSchool.name)}, ${d.label('country', p.medicalSchool.country)} (${p.medicalSchool.graduationYear})`)}
      ${row(s.facets.chapter, ul(p.chapters?.map((c) => b(d.label('chapter', c)))))}
    </dl>
    ${p.bio ? html`<p class="bio" dir="auto">${linkify(p.bio)}</p>` : nothing}
    <p class="muted">${s.joined(joined)}</p>`;
}

/** The profile dialog: only the fields the professional made public, and the contact form. */
export function profileDialog(d: D): unknown {
  const { s, profile: p, profileId: id } = d;
  const failed = p && 'type' in p ? (p as Problem) : undefined;
  const pro = p && !failed ? (p as Professional) : undefined;
  return html`<dialog part="dialog" aria-labelledby="pt" @close=${() => d.closed()}
      @click=${(e: Event) => (e.target as HTMLElement).localName === 'dialog' && (e.target as HTMLDialogElement).close()}>
    <header>
      <h2 id="pt" class="clamp">${pro ? nameOf(d, pro) : s.profile}</h2>
      <button class="x" aria-label=${s.close} @click=${() => d.renderRoot.querySelector('dialog')!.close()}>×</button>
    </header>
    ${
      failed
        ? html`<p class="err" role="alert" part="error">${d.problemText(failed)}</p>
          <button class="btn quiet" part="retry" @click=${() => d.open(id, false)}>${d.common.retry}</button>`
        : pro
          ? html`${details(d, pro)}${d.contact.render(pro.id)}`
          : id
            ? html`<div class="sk"></div><div class="sk"></div><span class="vh">${d.common.loading}</span>`
            : nothing
    }
  </dialog>`;
}
