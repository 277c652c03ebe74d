import type { FastifyRequest } from 'fastify';

/**
 * What the server's structured log may carry about a request or an error. Query strings hold
 * capabilities and personal data (`?token=rc_…`, `?to=<e-mail>`, a secret key wrongly sent as
 * `?key=`), and database errors carry the statement's parameters (a signup's e-mail and names on
 * PGlite) and the offending values (`Key (email)=(…)`): none of it is logged.
 */

/** The URL with every query value replaced: `/v1/admin/outbox?to=…&limit=…`. */
export function redactUrl(url: string): string {
  return url.replace(/([?&][^=&#]*)=[^&#]*/g, '$1=…');
}

/** Quoted values in database messages (`invalid input syntax for type uuid: "…"`). */
const redactQuoted = (text: string) => text.replace(/"[^"]*"/g, '"…"').replace(/\([^()]*\)=\([^()]*\)/g, '(…)=(…)');

export const logSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
  },
  err(error: Error & { code?: unknown; severity?: unknown; routine?: unknown; statusCode?: unknown }) {
    return {
      type: error?.constructor?.name ?? 'Error',
      message: redactQuoted(String(error?.message ?? error)),
      ...(error?.code !== undefined ? { code: error.code } : {}),
      ...(error?.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
      ...(error?.routine !== undefined ? { routine: error.routine } : {}),
      ...(error?.stack ? { stack: redactQuoted(error.stack) } : {}),
    };
  },
};

/** Fastify's logger option with the redacting serializers (a caller's own serializers cannot undo them). */
export function redactingLogger(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  const base = logger === true ? {} : (logger as { serializers?: object });
  return { ...base, serializers: { ...(base.serializers ?? {}), ...logSerializers } };
}
