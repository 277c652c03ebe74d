import type { OutboxKind } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import { createTransport, type Transporter } from 'nodemailer';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';

export type MailKind = OutboxKind;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  kind: MailKind;
  /** Slug of the organisation whose key, event or campaign caused it: only that organisation lists it. */
  organisation: string;
  /** Optional attachment, e.g. a personal `.ics`. */
  attachment?: { filename: string; contentType: string; content: string };
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
  ) {
    if (config.smtp) this.transport = createTransport(config.smtp.url);
  }

  async enqueue(trx: Kysely<DB>, message: MailMessage): Promise<void> {
    await trx
      .insertInto('outbox')
      .values({
        to_address: message.to,
        subject: message.subject,
        text: message.text,
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

  async flush(): Promise<number> {
    if (!this.transport || this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      const pending = await this.db
        .selectFrom('outbox')
        .selectAll()
        .where('sent_at', 'is', null)
        .orderBy('created_at')
        .limit(50)
        .execute();
      for (const m of pending) {
        const attachment = m.attachment as MailMessage['attachment'] | null;
        await this.transport.sendMail({
          from: this.config.smtp!.from,
          to: m.to_address,
          subject: m.subject,
          text: m.text,
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
