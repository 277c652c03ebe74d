import type { MahjarClient, Problem } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { memberSignup } from '../translations/en.js';
import type { Draft } from './draft.js';
import type { SignupSubmission } from './review.js';

/** A draft value: text, a list of codes, a flag, or a nested group (rows, medical school, offers, visibility). */
export type Value = string | boolean | string[] | Data | Data[] | undefined;
export interface Data {
  [k: string]: Value;
}
export type Strings = typeof memberSignup;

/**
 * What the field renderers need: the signup's steps, and `<mahjar-member-account>`, which edits
 * the same fields of a profile that exists.
 */
export interface FieldsView {
  readonly strings: Strings;
  /** The draft's answers, by field path (`givenName`, `affiliations.0.role`, …). */
  readonly answers: Data;
  readonly ui: 'en' | 'ar' | 'fr';
  /** The `Intl` locale tag. */
  readonly intl: string;
  /** Messages by field path. */
  readonly errors: Record<string, string>;
  /** Re-renders (after a change that is not an input event). */
  update(): void;
  /** Sets a draft value and saves the draft. */
  set(path: string, value: Value): void;
  readonly client?: MahjarClient;
  /** The link to the full notice (attribute). */
  readonly noticeUrl: string;
  /** Translated text of a problem. */
  problemText(problem: Problem): string;
}

/** What a step renderer needs from the element (steps are plain functions, the later ones loaded lazily). */
export interface SignupView extends FieldsView {
  /** The persisted draft (answers, Idempotency-Key, last body sent). */
  readonly draft: Draft;
  /** The submission the element renders: sending, proof-of-work progress, the last problem. */
  readonly submission: SignupSubmission;
  /** The signup was accepted. */
  done(professionalId: string): void;
  /** The submission failed: shows the problem and the server's field errors (by draft path). */
  fail(problem: Problem, errors: Record<string, string>): void;
  /** Shows another step (e.g. "Edit" on the review). */
  goto(step: string): void;
}

export const get = (answers: Data, path: string): Value =>
  path.split('.').reduce<Value>((group, key) => (group as Data | undefined)?.[key], answers);

export function set(answers: Data, path: string, value: Value): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let group = answers;
  for (const key of keys) {
    group[key] ??= {};
    group = group[key] as Data;
  }
  group[last] = value;
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

const described = (view: FieldsView, path: string, hint?: string) =>
  [view.errors[path] && `${path}-e`, hint && `${path}-h`].filter(Boolean).join(' ') || nothing;

/** The hint and the inline error of a field. */
export const notes = (view: FieldsView, path: string, hint?: string): unknown =>
  html`${hint ? html`<small id="${path}-h" class="muted">${hint}</small>` : nothing}${
    view.errors[path] ? html`<small id="${path}-e" class="err">${view.errors[path]}</small>` : nothing
  }`;

/** A label's or legend's text, followed by "(optional)" when `opt`. */
export const label = (view: FieldsView, text: string, opt?: boolean): unknown =>
  html`${text}${opt ? html` <span class="muted">${view.strings.optional}</span>` : nothing}`;

/** A labelled text input bound to `path` (the form's input handler writes it back). */
export function text(view: FieldsView, path: string, name: string, o: Opts = {}): TemplateResult {
  return html`<div class="f"><label for=${path}>${label(view, name, o.opt)}</label>
    <input part="field" id=${path} name=${path} type=${o.type ?? 'text'} maxlength=${o.max ?? nothing}
      autocomplete=${o.auto ?? 'off'} inputmode=${o.mode ?? nothing} lang=${o.lang ?? nothing} dir=${o.dir ?? nothing}
      .value=${String(get(view.answers, path) ?? '')} aria-invalid=${!!view.errors[path]} aria-describedby=${described(view, path, o.hint)} ?required=${!o.opt}
    />${notes(view, path, o.hint)}</div>`;
}

/** A labelled native select; options are [value, label]. */
export function select(
  view: FieldsView,
  path: string,
  name: string,
  options: [string, string][],
  o: Opts = {},
): TemplateResult {
  const chosen = get(view.answers, path) ?? '';
  return html`<div class="f"><label for=${path}>${label(view, name, o.opt)}</label>
    <select part="field" id=${path} name=${path} autocomplete=${o.auto ?? 'off'} aria-invalid=${!!view.errors[path]}
      aria-describedby=${described(view, path)} ?required=${!o.opt}>
      <option value="">${view.strings.choose}</option>
      ${options.map(([value, label]) => html`<option value=${value} ?selected=${value === chosen}>${label}</option>`)}
    </select>${notes(view, path)}</div>`;
}

/** A checkbox bound to a flag (`value` absent) or toggling `value` in a list. */
export const check = (view: FieldsView, path: string, name: string, value?: string): TemplateResult => {
  const current = get(view.answers, path);
  return html`<label class="c"><input type="checkbox" name=${path} value=${value ?? 'on'}
    .checked=${value ? !!(current as string[] | undefined)?.includes(value) : !!current} />${name}</label>`;
};

/** A group of controls with a legend, its error tied to the group. */
export const group = (view: FieldsView, path: string, legend: string, body: unknown, hint?: string): TemplateResult =>
  html`<fieldset id=${path} aria-describedby=${described(view, path, hint)}><legend>${legend}</legend>${body}${notes(view, path, hint)}</fieldset>`;

/** The draft value an input event sets at its `name`: text, a flag (`value` "on"), or a list with the box's value in or out. */
export function inputValue(answers: Data, target: HTMLInputElement): Value {
  const list = (get(answers, target.name) as string[] | undefined) ?? [];
  return target.type !== 'checkbox'
    ? target.value
    : target.value === 'on'
      ? target.checked
      : target.checked
        ? [...list, target.value]
        : list.filter((value) => value !== target.value);
}
