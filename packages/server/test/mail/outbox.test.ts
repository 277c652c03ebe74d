// Mail delivery with several instances on one database: each message leaves once.
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { Mailer } from '../../src/mail.js';
import { forEachEngine } from '../db/engines.js';

/** A real nodemailer transport that renders each message instead of sending it, and remembers the recipients. */
function recordingTransport(sentTo: string[], rendered: string[] = []) {
  const transport = createTransport({ jsonTransport: true });
  const send = transport.sendMail.bind(transport);
  transport.sendMail = (async (message: { to: string }) => {
    const info = await send(message);
    sentTo.push(message.to);
    rendered.push((info as { message: string }).message);
    return info;
  }) as typeof transport.sendMail;
  return transport;
}

const message = (to: string) => ({
  to,
  subject: 's',
  text: 't',
  html: '<!doctype html><html lang="en" dir="ltr"><title>s</title><p>t</p></html>',
  locale: 'en' as const,
  kind: 'signup_verification' as const,
  organisation: 'none',
});

forEachEngine('the outbox with two instances', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    await migrateToLatest(database.db);
  }, 120_000);
  afterAll(() => database.close());

  it('sends every queued message exactly once while two mailers flush at the same time', async () => {
    const config = { ...loadConfig({}), smtp: { url: 'smtp://unused', from: 'Test <t@example.org>' } };
    const sentTo: string[] = [];
    const first = new Mailer(database.db, config, recordingTransport(sentTo));
    const second = new Mailer(database.db, config, recordingTransport(sentTo));
    const addresses = Array.from({ length: 120 }, (_, i) => `member-${i}@example.org`);
    for (const to of addresses) {
      await first.enqueue(database.db, message(to));
    }
    // 120 messages, 50 a batch: both keep flushing until nothing is left
    for (let round = 0; round < 5; round++) await Promise.all([first.flush(), second.flush()]);
    expect(sentTo.sort()).toEqual([...addresses].sort());
    const unsent = await database.db.selectFrom('outbox').select('id').where('sent_at', 'is', null).execute();
    expect(unsent).toEqual([]);
  });

  it('leaves a message another instance holds, and sends it once that claim lapses', async () => {
    const config = { ...loadConfig({}), smtp: { url: 'smtp://unused', from: 'Test <t@example.org>' } };
    const sentTo: string[] = [];
    const mailer = new Mailer(database.db, config, recordingTransport(sentTo));
    await mailer.enqueue(database.db, message('held@example.org'));
    const held = new Date(Date.now() + 60_000);
    await database.db.updateTable('outbox').set({ claimed_until: held }).where('sent_at', 'is', null).execute();
    expect(await mailer.flush()).toBe(0);
    await database.db
      .updateTable('outbox')
      .set({ claimed_until: new Date(Date.now() - 1000) })
      .where('sent_at', 'is', null)
      .execute();
    expect(await mailer.flush()).toBe(1);
    expect(sentTo).toEqual(['held@example.org']);
  });

  it('sends the plain-text and the HTML part of a message, and a message queued before HTML mail with text only', async () => {
    const config = { ...loadConfig({}), smtp: { url: 'smtp://unused', from: 'Test <t@example.org>' } };
    const sentTo: string[] = [];
    const rendered: string[] = [];
    const mailer = new Mailer(database.db, config, recordingTransport(sentTo, rendered));
    await mailer.enqueue(database.db, {
      ...message('both@example.org'),
      text: 'مرحباً',
      html: '<!doctype html><html lang="ar" dir="rtl"><title>s</title><p>مرحباً</p></html>',
      locale: 'ar',
    });
    await database.db
      .insertInto('outbox')
      .values({ to_address: 'old@example.org', subject: 'old', text: 'text only', kind: 'signup_verification' })
      .execute();
    expect(await mailer.flush()).toBe(2);
    const sent = rendered.map((raw) => JSON.parse(raw) as { to: { address: string }[]; text: string; html?: string });
    const both = sent.find((m) => m.to[0]?.address === 'both@example.org')!;
    expect(both.text).toBe('مرحباً');
    expect(both.html).toContain('<html lang="ar" dir="rtl">');
    const old = sent.find((m) => m.to[0]?.address === 'old@example.org')!;
    expect(old.text).toBe('text only');
    expect(old.html).toBeUndefined();
    const rows = await database.db.selectFrom('outbox').select(['to_address', 'locale', 'html']).execute();
    expect(rows.find((r) => r.to_address === 'both@example.org')?.locale).toBe('ar');
    expect(rows.find((r) => r.to_address === 'old@example.org')).toMatchObject({ locale: null, html: null });
  });
});
