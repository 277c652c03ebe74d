import type { OutboxKind } from '@mahjar/sdk';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { MailAttachment, Mailer } from '../mail.js';
import { chooseMailLocale, compose, localised, type MailLocale } from './document.js';
import { type MailData, mailTexts, type Writer } from './texts.js';

export interface MailRequest<K extends OutboxKind> {
  kind: K;
  to: string;
  /** Slug of the organisation whose key, event or campaign caused it: it signs the mail and lists it. */
  organisation: string;
  /**
   * Language tags to write in, best first (e.g. what the request asked for, then the member's stored
   * locale); the organisation's first locale we write in follows, then English.
   */
  locales: readonly (string | null | undefined)[];
  data: MailData[K];
  /** Built in the mail's language, e.g. a personal `.ics`. */
  attachment?: (locale: MailLocale) => MailAttachment;
}

/**
 * Writes one message in its reader's language (`src/mail/texts.ts`), plain text and HTML, and queues
 * it in the caller's transaction. Returns the language chosen.
 */
export async function sendMail<K extends OutboxKind>(
  db: Kysely<DB>,
  mailer: Mailer,
  request: MailRequest<K>,
): Promise<MailLocale> {
  const organisation = await db
    .selectFrom('organisations')
    .select(['name', 'locales', 'slug'])
    .where('slug', '=', request.organisation)
    .executeTakeFirst();
  const locale = chooseMailLocale(request.locales, organisation?.locales ?? []);
  const name = localised(organisation?.name, locale) || request.organisation;
  const writer = mailTexts[request.kind][locale] as Writer<K>;
  const mail = compose(writer(request.data, name), locale);
  await mailer.enqueue(db, {
    to: request.to,
    kind: request.kind,
    organisation: request.organisation,
    ...mail,
    ...(request.attachment ? { attachment: request.attachment(locale) } : {}),
  });
  return locale;
}
