// A fresh install as an operator does it (docs/operations.md): the admin command line on an empty
// database, then the server started on that database, and the new owner signing in, with no seed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, serverDir, startServerProcess } from '../processes.js';

function adminCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/admin-cli.ts', ...args], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('admin command line on a fresh install', () => {
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the first organisation, and its owner signs in to the server started on it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mahjar-admin-cli-'));
    const env = { MAHJAR_DATA_DIR: dataDir };
    const usage = await adminCli(['create-organisation', '--slug', 'ilma'], env);
    expect(usage.code).toBe(2);
    expect(usage.output).toContain('Usage:');

    const owner = 'someone@example.org';
    const created = await adminCli(
      [
        'create-organisation',
        ...['--slug', 'ilma', '--name', 'ILMA', '--kind', 'umbrella', '--owner', owner],
        ...['--origin', 'https://ilma.example.org', '--secret-key'],
      ],
      env,
    );
    expect(created.code, created.output).toBe(0);
    expect(created.output).toMatch(/Publishable key, shown once .*: pk_live_[0-9a-f]{40}/);
    const secret = /sk_live_[0-9a-f]{40}/.exec(created.output)?.[0];
    expect(secret).toBeDefined();
    expect(created.output).toContain('open the console at http://127.0.0.1:5173/console/');

    server = await startServerProcess([], env);
    const verifier = 'operator-browser-verifier-0123456789abcdefghijkl';
    const asked = await fetch(`${server.url}/v1/admin/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: owner,
        organisation: 'ilma',
        returnUrl: 'http://127.0.0.1:5173/console/',
        verifierHash: createHash('sha256').update(verifier).digest('hex'),
      }),
    });
    expect(asked.status).toBe(202);
    // no SMTP: the link waits in the outbox, which the operator's owner key reads
    const outbox = (await (
      await fetch(`${server.url}/v1/admin/outbox?to=${encodeURIComponent(owner)}`, {
        headers: { 'Mahjar-Secret-Key': secret! },
      })
    ).json()) as { items: Array<{ kind: string; text: string }> };
    expect(outbox.items.map((m) => m.kind).sort()).toEqual(['admin_invitation', 'admin_sign_in']);
    const code = /mahjar-sign-in=(al_[A-Za-z0-9_-]+)/.exec(
      outbox.items.find((m) => m.kind === 'admin_sign_in')!.text,
    )![1];
    const session = await fetch(`${server.url}/v1/admin/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, verifier }),
    });
    expect(session.status).toBe(201);
    const { token } = (await session.json()) as { token: string };
    const organisation = await fetch(`${server.url}/v1/admin/organisation`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await organisation.json()).toMatchObject({ slug: 'ilma', kind: 'umbrella', role: 'owner' });
  }, 180_000);
});
