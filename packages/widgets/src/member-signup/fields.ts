import type { MahjarClient, Problem } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { memberSignup } from '../translations/en.js';
import type { Saved } from './draft.js';

/** A draft value: text, a list of codes, a flag, or a nested group (rows, medical school, offers, visibility). */
export type Value = string | boolean | string[] | Data | Data[] | undefined;
export interface Data {
  [k: string]: Value;
}
export type Strings = typeof memberSignup;

/** What a step renderer needs from the element (steps are plain functions, the later ones loaded lazily). */
export interface Ctx {
  s: Strings;
  d: Data;
  ui: 'en' | 'ar' | 'fr';
  intl: string;
  errors: Record<string, string>;
  /** Re-renders (after a change that is not an input event). */
  update(): void;
  /** Sets a draft value and saves the draft. */
  set(path: string, v: Value): void;
  client?: MahjarClient;
  /** The chapter to preselect and the link to the full notice (attributes). */
  chapter: string;
  noticeUrl: string;
  /** The persisted draft (answers, Idempotency-Key, last body sent); `save()` writes it. */
  saved: Saved;
  save(): void;
  /** Submission state the element renders: sending, proof-of-work progress, the last problem. */
  st: { sending?: boolean; progress?: number; problem?: Problem };
  /** The signup was accepted. */
  done(professionalId: string): void;
  /** The submission failed: shows the problem and the server's field errors (by draft path). */
  fail(problem: Problem, errors: Record<string, string>): void;
  /** Shows another step (e.g. "Edit" on the review). */
  goto(step: string): void;
  /** Translated text of a problem. */
  problemText(p: Problem): string;
}

export const get = (d: Data, path: string): Value =>
  path.split('.').reduce<Value>((o, k) => (o as Data | undefined)?.[k], d);

export function set(d: Data, path: string, v: Value): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let o = d;
  for (const k of keys) {
    o[k] ??= {};
    o = o[k] as Data;
  }
  o[last] = v;
}

interface Opts {
  type?: string;
  auto?: string;
  opt?: boolean;
  hint?: string;
  max?: number;
  lang?: string;
  dir?: string;
  mode?: string;
}

const described = (c: Ctx, path: string, hint?: string) =>
  [c.errors[path] && `${path}-e`, hint && `${path}-h`].filter(Boolean).join(' ') || nothing;

/** The hint and the inline error of a field. */
export const notes = (c: Ctx, path: string, hint?: string): unknown =>
  html`${hint ? html`<small id="${path}-h" class="muted">${hint}</small>` : nothing}${
    c.errors[path] ? html`<small id="${path}-e" class="err">${c.errors[path]}</small>` : nothing
  }`;

const label = (c: Ctx, text: string, opt?: boolean) =>
  html`${text}${opt ? html` <span class="muted">${c.s.optional}</span>` : nothing}`;

/** A labelled text input bound to `path` (the form's input handler writes it back). */
export function text(c: Ctx, path: string, name: string, o: Opts = {}): TemplateResult {
  return html`<div class="f"><label for=${path}>${label(c, name, o.opt)}</label>
    <input part="field" id=${path} name=${path} type=${o.type ?? 'text'} maxlength=${o.max ?? nothing}
      autocomplete=${o.auto ?? 'off'} inputmode=${o.mode ?? nothing} lang=${o.lang ?? nothing} dir=${o.dir ?? nothing}
      .value=${String(get(c.d, path) ?? '')} aria-invalid=${!!c.errors[path]} aria-describedby=${described(c, path, o.hint)} ?required=${!o.opt}
    />${notes(c, path, o.hint)}</div>`;
}

/** A labelled native select; options are [value, label]. */
export function select(c: Ctx, path: string, name: string, options: [string, string][], o: Opts = {}): TemplateResult {
  const v = get(c.d, path) ?? '';
  return html`<div class="f"><label for=${path}>${label(c, name, o.opt)}</label>
    <select part="field" id=${path} name=${path} autocomplete=${o.auto ?? 'off'} aria-invalid=${!!c.errors[path]}
      aria-describedby=${described(c, path)} ?required=${!o.opt}>
      <option value="">${c.s.choose}</option>
      ${options.map(([k, l]) => html`<option value=${k} ?selected=${k === v}>${l}</option>`)}
    </select>${notes(c, path)}</div>`;
}

/** A checkbox bound to a flag (`value` absent) or toggling `value` in a list. */
export const check = (c: Ctx, path: string, name: string, value?: string): TemplateResult => {
  const v = get(c.d, path);
  return html`<label class="c"><input type="checkbox" name=${path} value=${value ?? 'on'}
    .checked=${value ? !!(v as string[] | undefined)?.includes(value) : !!v} />${name}</label>`;
};

/** A group of controls with a legend, its error tied to the group. */
export const group = (c: Ctx, path: string, legend: string, body: unknown, hint?: string): TemplateResult =>
  html`<fieldset id=${path} aria-describedby=${described(c, path, hint)}><legend>${legend}</legend>${body}${notes(c, path, hint)}</fieldset>`;
