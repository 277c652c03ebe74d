// Mail delivery with several instances on one database: each message leaves once.
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { Mailer } from '../../src/mail.js';
import { forEachEngine } from '../db/engines.js';

/** A real nodemailer transport that renders each message instead of sending it, and remembers the recipients. */
function recordingTransport(sentTo: string[]) {
  const transport = createTransport({ jsonTransport: true });
  const send = transport.sendMail.bind(transport);
  transport.sendMail = (async (message: { to: string }) => {
    const info = await send(message);
    sentTo.push(message.to);
    return info;
  }) as typeof transport.sendMail;
  return transport;
}

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
      await first.enqueue(database.db, {
        to,
        subject: 's',
        text: 't',
        kind: 'signup_verification',
        organisation: 'none',
      });
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
    await mailer.enqueue(database.db, {
      to: 'held@example.org',
      subject: 's',
      text: 't',
      kind: 'signup_verification',
      organisation: 'none',
    });
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
});
