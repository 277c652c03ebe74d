import type { Problem } from '@mahjar/sdk';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Contract } from '../contract.js';
import { phraseFieldDetail } from '../field-messages.js';
import { boundedFieldDetail, boundedProblemDetail, ProblemError } from '../problems.js';
import { type Locale, negotiateLocale } from './input.js';

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: ProblemError) {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  const phrasedAlready = Object.keys(error.headers).some((name) => name.toLowerCase() === 'content-language');
  const phrased = phrasedAlready
    ? undefined
    : inReadersLanguage(error.problem, negotiateLocale(request.headers['accept-language']));
  if (phrased) reply.header('Content-Language', phrased.language);
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send(phrased?.problem ?? error.problem);
}

/**
 * A handler's field errors in the reader's language (the one validation answers in): each English
 * detail the catalogue phrases is replaced, one it does not stays English, and Content-Language
 * says which languages the answer holds. The top-level `detail`, when it is just the field errors
 * joined, follows them; the title and any other detail stay English.
 */
function inReadersLanguage(problem: Problem, locale: Locale): { problem: Problem; language: string } | undefined {
  const errors = problem.errors;
  if (!errors?.length) return undefined;
  if (locale === 'en') return { problem, language: 'en' };
  let phrasedCount = 0;
  const phrasedErrors = errors.map((error) => {
    const phrasing = phraseFieldDetail(error.detail, locale);
    if (phrasing === undefined) return error;
    phrasedCount++;
    return { pointer: error.pointer, detail: boundedFieldDetail(phrasing) };
  });
  if (phrasedCount === 0) return { problem, language: 'en' };
  const joined = (list: typeof errors) => list.map((e) => `${e.pointer} ${e.detail}`).join('; ');
  const detail = problem.detail === joined(errors) ? boundedProblemDetail(joined(phrasedErrors)) : problem.detail;
  return {
    problem: { ...problem, ...(detail !== undefined ? { detail } : {}), errors: phrasedErrors },
    language: phrasedCount === errors.length ? locale : `${locale}, en`,
  };
}

/** Fastify's own errors (body parsing and size, bad requests), as the contract's problems. */
function asProblem(error: FastifyError, bodyLimit: number): ProblemError | undefined {
  const code = error.code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ProblemError('payload-too-large', `The request body is larger than ${bodyLimit / 1024} KiB.`);
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new ProblemError('unsupported-media-type', 'Send application/json.');
  if (error instanceof SyntaxError || code.startsWith('FST_ERR_CTP')) {
    return new ProblemError('validation', 'The request body is not valid JSON.');
  }
  if (error.statusCode && error.statusCode < 500) {
    return new ProblemError('validation', error.message, { status: error.statusCode });
  }
  return undefined;
}

/**
 * The one place failures become answers: every error (a handler's ProblemError, a rate limit, a
 * parser's, an unexpected one) is sent as `application/problem+json` within the contract's Problem
 * schema; a path the contract has, with a method it does not, is a 405 with Allow.
 */
export function handleErrors(app: FastifyInstance, contract: Contract, defaultBodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem =
      error instanceof ProblemError ? error : asProblem(error, request.routeOptions.bodyLimit ?? defaultBodyLimit);
    if (problem) return sendProblem(request, reply, problem);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      new ProblemError('internal', 'Something went wrong on our side. Please try again.'),
    );
  });

  const paths = [...contract.operations.values()].map((op) => ({
    method: op.method,
    pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
  }));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = paths.filter((p) => p.pattern.test(path)).map((p): string => p.method);
    if (allowed.length === 0)
      return sendProblem(request, reply, new ProblemError('not-found', `No route for ${request.method} ${path}`));
    if (allowed.includes('GET')) allowed.push('HEAD');
    const detail = `${request.method} is not supported here; use ${allowed.join(', ')}.`;
    return sendProblem(
      request,
      reply,
      new ProblemError('method-not-allowed', detail, { headers: { Allow: allowed.join(', ') } }),
    );
  });
}
