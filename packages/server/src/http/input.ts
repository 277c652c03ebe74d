import type { components } from '@mahjar/sdk';
import type { FastifyRequest } from 'fastify';
import { type OperationSpec, toFieldErrors } from '../contract.js';
import { type FieldError, ProblemError } from '../problems.js';
import { validationMessages } from '../validation-messages.js';
import { illFormedAt } from './well-formed.js';

/** A request's parameters and body, validated against its operation in the contract. */
export interface ValidInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** Declared headers, lower-cased names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  mediaType: string | undefined;
}

/** A validation problem whose details are in `locale`, said so in `Content-Language`. */
function invalid(errors: FieldError[], locale: Locale): ProblemError {
  return new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), {
    errors,
    headers: { 'Content-Language': locale },
  });
}

/** A string PostgreSQL cannot store: answered like any other invalid value, before anything runs. */
function illFormed(pointer: string, locale: Locale): ProblemError {
  return invalid([{ pointer, detail: validationMessages[locale].illFormed }], locale);
}

/**
 * Picks the declared parameters out of the request and checks them and the body against the
 * contract (Ajv stops at the first failing keyword, so a hostile body costs little). Throws a
 * `validation`, or `unsupported-media-type`, problem.
 */
export function validInput(spec: OperationSpec, request: FastifyRequest): ValidInput {
  // the reader's language for the details (the title stays the type's English name)
  const locale = negotiateLocale(request.headers['accept-language']);
  const rawQuery = (request.query ?? {}) as Record<string, unknown>;
  const query: Record<string, unknown> = {};
  for (const name of spec.params.query) if (rawQuery[name] !== undefined) query[name] = rawQuery[name];
  const headers: Record<string, string | undefined> = {};
  for (const name of spec.params.header) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value[0] : value;
  }
  const params = { path: { ...(request.params as object) }, query, header: headers };
  const badParam = illFormedAt(params);
  if (badParam) throw illFormed(badParam, locale);
  if (!spec.validateParams(params)) throw invalid(toFieldErrors(spec.validateParams.errors, '', locale), locale);

  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;
  const hasBody = request.body !== undefined && request.body !== null && request.body !== '';
  if (spec.requestMediaTypes.length === 0 || !(hasBody || spec.bodyRequired)) {
    return { path: params.path, query, headers, body: undefined, mediaType };
  }
  if (!mediaType || !spec.requestMediaTypes.includes(mediaType)) {
    throw new ProblemError('unsupported-media-type', `Send ${spec.requestMediaTypes.join(' or ')}.`);
  }
  if (!hasBody) throw new ProblemError('validation', 'A request body is required.');
  const badString = illFormedAt(request.body);
  if (badString !== undefined) throw illFormed(badString, locale);
  const validate = spec.validateBody.get(mediaType);
  if (validate && !validate(request.body)) throw invalid(toFieldErrors(validate.errors, '', locale), locale);
  return { path: params.path, query, headers, body: request.body, mediaType };
}

/** The languages the API speaks: those of the contract's `LocalizedText`. */
export type Locale = keyof components['schemas']['LocalizedText'];
export const LOCALES: readonly string[] = ['en', 'ar', 'fr'] satisfies Locale[];

/**
 * The best locale we speak for an Accept-Language header (RFC 9110 §12.5.4): languages by their
 * `q=` weight, highest first (equal weights in the order sent), `q=0` (or a malformed weight) meaning "no";
 * a region (`fr-CA`) counts as its language; `*` or nothing we speak gives English.
 */
export function negotiateLocale(header: string | undefined): Locale {
  return requestedLocale(header) ?? 'en';
}

/** The best locale we speak that Accept-Language names; undefined when it names none (or is absent). */
export function requestedLocale(header: string | undefined): Locale | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q\s*=(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q.trim() || Number.NaN); // a malformed weight: ignored
      return { language: tag.trim().toLowerCase().split('-')[0]!, weight: Number.isNaN(weight) ? 0 : weight, order };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return ranked.map((entry) => entry.language).find((l): l is Locale => LOCALES.includes(l));
}
