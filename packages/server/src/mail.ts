import type { MailLocale, OutboxKind } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import { createTransport, type Transporter } from 'nodemailer';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';

export type MailKind = OutboxKind;

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** One message, written by `sendMail` (`src/mail/send.ts`) in its reader's language. */
export interface MailMessage {
  to: string;
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part: a whole document with `lang` and `dir` (`src/mail/document.ts`). */
  html: string;
  /** The language both parts are written in. */
  locale: MailLocale;
  kind: MailKind;
  /** Slug of the organisation whose key, event or campaign caused it: only that organisation lists it. */
  organisation: string;
  /** Optional attachment, e.g. a personal `.ics`. */
  attachment?: MailAttachment;
}

/**
 * Mail is written to the `outbox` table inside the caller's transaction (so a rolled-back write
 * sends nothing), then delivered over SMTP after commit when SMTP is configured. Without SMTP the
 * outbox is the development mailbox the demo shows (`GET /v1/admin/outbox`).
 */
export class Mailer {
  private transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly config: Config,
    /** Delivers instead of SMTP_URL's server (tests). */
    transport?: Transporter,
  ) {
    this.transport = transport ?? (config.smtp ? createTransport(config.smtp.url) : undefined);
  }

  async enqueue(trx: Kysely<DB>, message: MailMessage): Promise<void> {
    await trx
      .insertInto('outbox')
      .values({
        to_address: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        locale: message.locale,
        kind: message.kind,
        organisation_id: sql<string | null>`(SELECT id FROM organisations WHERE slug = ${message.organisation})`,
        attachment: message.attachment ? JSON.stringify(message.attachment) : null,
      })
      .execute();
  }

  /** Starts delivering queued mail every few seconds (only when SMTP is configured). */
  start(intervalMs = 2000): void {
    if (!this.transport || this.timer) return;
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    this.transport?.close();
  }

  /**
   * Sends what is queued. Safe with several instances on one database: a batch is claimed for
   * CLAIM_SECONDS (`FOR UPDATE SKIP LOCKED` lets two instances claim different rows at once), so no
   * message is sent twice; a message whose sender died mid-batch is sent once its claim lapses,
   * which is the only way one can go out twice (after a crash between sending and marking it sent).
   */
  async flush(): Promise<number> {
    if (!this.transport || this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      const claimed = await sql<OutboxRow>`
        UPDATE outbox SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
        WHERE id IN (SELECT id FROM outbox
                     WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                     ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, text, html, attachment, created_at`.execute(this.db);
      const batch = claimed.rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
      for (const m of batch) {
        const attachment = m.attachment as MailMessage['attachment'] | null;
        await this.transport.sendMail({
          from: this.config.smtp?.from ?? DEFAULT_FROM,
          to: m.to_address,
          subject: m.subject,
          text: m.text,
          // Both parts, as multipart/alternative; mail queued before 0012 has text only.
          ...(m.html ? { html: m.html } : {}),
          attachments: attachment ? [attachment] : [],
        });
        await this.db.updateTable('outbox').set({ sent_at: new Date() }).where('id', '=', m.id).execute();
        sent += 1;
      }
    } finally {
      this.running = false;
    }
    return sent;
  }
}

/** How long an instance holds a batch of mail it is sending. */
const CLAIM_SECONDS = 120;
const DEFAULT_FROM = 'Mahjar <no-reply@localhost>';

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  attachment: unknown;
  created_at: Date;
}
