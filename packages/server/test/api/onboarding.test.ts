/**
 * A fresh install, on an empty database (no seed): the operator's command creates the umbrella and
 * its owner; the owner signs in and creates a chapter with its website and owner through the API;
 * the chapter's owner signs in and invites a reviewer, who signs in; the chapter's publishable key
 * works from its website. Every step through the real server, on both engines.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runOperatorCommand } from '../../src/operator.js';
import { SPECIALTIES } from '../../src/seed/index.js';
import { bearer, invite, json, signIn } from './admin-sign-in.js';
import { forEachApiEngine } from './harness.js';

const ILMA_SITE = 'https://ilma.example.org';
const ALMA_SITE = 'https://alma.example.org';

forEachApiEngine(
  'onboarding on an empty database',
  (env) => {
    const operator = (...argv: string[]) => runOperatorCommand(env().db, env().server.ctx.config, argv);
    const state: { ilmaOwner?: string; almaKey?: string; almaOwner?: string } = {};
    const ownerEmail = `owner-${randomUUID().slice(0, 8)}@ilma.example.org`;

    describe('the operator’s command', () => {
      it('starts from nothing: no organisation, no key, no user', async () => {
        expect(await env().count('organisations')).toBe(0);
        expect(await env().count('api_keys')).toBe(0);
        expect(await env().count('admin_users')).toBe(0);
        expect(await env().count('specialties')).toBe(0);
      });

      it('refuses bad usage with a message and writes nothing', async () => {
        const missing = await operator('create-organisation', '--slug', 'ilma', '--name', 'ILMA');
        expect(missing.code).toBe(2);
        expect(missing.lines.join('\n')).toContain('--owner');
        const badOrigin = await operator(
          'create-organisation',
          ...['--slug', 'ilma', '--name', 'ILMA', '--owner', ownerEmail, '--origin', 'https://ilma.example.org/path'],
        );
        expect(badOrigin.code).toBe(1);
        expect(badOrigin.lines.join('\n')).toContain('/allowedOrigins/0');
        expect((await operator('delete-everything')).code).toBe(2);
        expect(await env().count('organisations')).toBe(0);
        expect(await env().count('outbox')).toBe(0);
      });

      it('creates the umbrella, its owner (invited by mail) and a publishable key, and says how to sign in', async () => {
        const result = await operator(
          'create-organisation',
          ...['--slug', 'ilma', '--name', 'ILMA', '--name-ar', 'إلما', '--kind', 'umbrella'],
          ...['--owner', ownerEmail, '--origin', `${ILMA_SITE}/`, '--country', 'LB'],
        );
        expect(result.code, result.lines.join('\n')).toBe(0);
        const printed = result.lines.join('\n');
        const key = /pk_live_[0-9a-f]{40}/.exec(printed)?.[0];
        expect(key).toBeDefined();
        expect(printed).toContain(ownerEmail);
        expect(printed).toContain(env().server.ctx.config.consoleUrl);
        expect(printed).toContain(ILMA_SITE);
        const organisation = await env()
          .db.selectFrom('organisations')
          .select(['kind', 'allowed_origins', 'parent_slug'])
          .where('slug', '=', 'ilma')
          .executeTakeFirstOrThrow();
        expect(organisation).toEqual({ kind: 'umbrella', allowed_origins: [ILMA_SITE], parent_slug: null });
        const invitation = await env()
          .db.selectFrom('outbox')
          .select(['kind', 'locale'])
          .where('to_address', '=', ownerEmail)
          .execute();
        expect(invitation).toEqual([{ kind: 'admin_invitation', locale: 'en' }]);
        // the key works from the umbrella's site
        const events = await env().fetch('/v1/events', {
          headers: { 'Mahjar-Publishable-Key': key!, Origin: ILMA_SITE },
        });
        expect(events.status).toBe(200);
        // run twice: the slug is taken, nothing more is written
        const again = await operator('create-organisation', '--slug', 'ilma', '--name', 'ILMA', '--owner', ownerEmail);
        expect(again.code).toBe(1);
        expect(again.lines.join('\n')).toContain('taken');
        expect(await env().count('organisations')).toBe(1);
        expect(await env().count('api_keys')).toBe(1);
        // the taxonomies a signup names its specialties from came with the first organisation, once
        const specialties = await env().count('specialties');
        expect(specialties).toBe(SPECIALTIES.length);
        expect(
          (await operator('create-organisation', '--slug', 'imsa', '--name', 'IMSA', '--owner', ownerEmail)).code,
        ).toBe(0);
        expect(await env().count('specialties')).toBe(specialties);
      });
    });

    describe('then through the API', () => {
      it('the umbrella’s owner signs in', async () => {
        state.ilmaOwner = await signIn(env(), ownerEmail, 'ilma');
        const organisation = await env().fetch('/v1/admin/organisation', { headers: bearer(state.ilmaOwner) });
        expect(await organisation.json()).toMatchObject({ slug: 'ilma', kind: 'umbrella', role: 'owner' });
      });

      it('creates a chapter with its website, its owner and its publishable key', async () => {
        const almaOwner = `chair-${randomUUID().slice(0, 8)}@alma.example.org`;
        const response = await env().fetch(
          '/v1/admin/organisations',
          json(
            {
              slug: 'alma',
              name: { en: 'ALMA', ar: 'ألما' },
              country: 'AU',
              defaultCurrency: 'AUD',
              locales: ['ar', 'en'],
              website: ALMA_SITE,
              allowedOrigins: [`${ALMA_SITE}/`, 'HTTPS://WWW.ALMA.EXAMPLE.ORG'],
              owner: { email: almaOwner },
            },
            bearer(state.ilmaOwner!),
          ),
        );
        expect(response.status).toBe(201);
        const created = (await response.json()) as {
          organisation: { slug: string; kind: string; parentSlug: string; allowedOrigins: string[] };
          owner: { email: string; role: string; locale: string };
          publishableKey: { key: string; kind: string };
        };
        expect(created.organisation).toMatchObject({ slug: 'alma', kind: 'chapter', parentSlug: 'ilma' });
        expect(created.organisation.allowedOrigins).toEqual([ALMA_SITE, 'https://www.alma.example.org']);
        // invited in the chapter's first language
        expect(created.owner).toMatchObject({ email: almaOwner, role: 'owner', locale: 'ar' });
        expect(created.publishableKey.kind).toBe('publishable');
        const fromSite = await env().fetch('/v1/events', {
          headers: { 'Mahjar-Publishable-Key': created.publishableKey.key, Origin: ALMA_SITE },
        });
        expect(fromSite.status).toBe(200);
        // the key is stored by its hash only
        const keys = await env().db.selectFrom('api_keys').select('key_hash').execute();
        expect(keys.map((k) => k.key_hash)).not.toContain(created.publishableKey.key);
        state.almaKey = created.publishableKey.key;
        state.almaOwner = almaOwner;
      });

      it('refuses a taken slug, a bad origin and a chapter creating chapters, writing nothing', async () => {
        const before = await env().count('organisations');
        const body = {
          slug: 'alma',
          name: { en: 'ALMA again' },
          country: 'AU',
          defaultCurrency: 'AUD',
          locales: ['en'],
          allowedOrigins: [],
          owner: { email: 'someone@alma.example.org' },
        };
        const taken = await env().fetch('/v1/admin/organisations', json(body, bearer(state.ilmaOwner!)));
        expect(taken.status).toBe(409);
        const bad = await env().fetch(
          '/v1/admin/organisations',
          json({ ...body, slug: 'alma-two', allowedOrigins: ['*'] }, bearer(state.ilmaOwner!)),
        );
        expect(bad.status).toBe(400);
        const almaChair = await signIn(env(), state.almaOwner!, 'alma');
        const byChapter = await env().fetch(
          '/v1/admin/organisations',
          json({ ...body, slug: 'alma-child' }, bearer(almaChair)),
        );
        expect(byChapter.status).toBe(403);
        expect(await env().count('organisations')).toBe(before);
      });

      it('the umbrella lists its chapters with their origins; a chapter has none to list', async () => {
        const page = await env().fetch('/v1/admin/organisations?limit=1', { headers: bearer(state.ilmaOwner!) });
        expect(page.status).toBe(200);
        expect(await page.json()).toEqual({
          items: [
            expect.objectContaining({
              slug: 'alma',
              kind: 'chapter',
              parentSlug: 'ilma',
              website: ALMA_SITE,
              allowedOrigins: [ALMA_SITE, 'https://www.alma.example.org'],
            }),
          ],
          nextCursor: null,
        });
        const almaChair = await signIn(env(), state.almaOwner!, 'alma');
        const ofChapter = await env().fetch('/v1/admin/organisations', { headers: bearer(almaChair) });
        expect(await ofChapter.json()).toEqual({ items: [], nextCursor: null });
      });

      it('the chapter’s owner invites a reviewer, who signs in to the chapter alone', async () => {
        const chair = await signIn(env(), state.almaOwner!, 'alma');
        const reviewerEmail = `reviewer-${randomUUID().slice(0, 8)}@alma.example.org`;
        await invite(env(), bearer(chair), reviewerEmail, 'reviewer', 'fr');
        const reviewer = await signIn(env(), reviewerEmail, 'alma');
        const organisation = await env().fetch('/v1/admin/organisation', { headers: bearer(reviewer) });
        expect(await organisation.json()).toMatchObject({ slug: 'alma', kind: 'chapter', role: 'reviewer' });
        expect((await env().fetch('/v1/admin/professionals/pending', { headers: bearer(reviewer) })).status).toBe(200);
        expect((await env().fetch('/v1/admin/users', { headers: bearer(reviewer) })).status).toBe(403);
      });

      it('and the umbrella’s audit log says who did what', async () => {
        const log = (await (await env().fetch('/v1/admin/audit', { headers: bearer(state.ilmaOwner!) })).json()) as {
          items: Array<{ operationId: string; actor: { kind: string; label: string | null } }>;
        };
        expect(log.items.map((e) => [e.operationId, e.actor.kind, e.actor.label])).toEqual([
          ['createOrganisation', 'user', ownerEmail],
          ['createOrganisation', 'operator', null],
        ]);
      });
    });
  },
  { seed: false },
);
