// `npm run demo` as an operator runs it: the server with its example pages on a port of their choice.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type ServerProcess, startServerProcess } from '../processes.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the demo', () => {
  let server: ServerProcess | undefined;
  let api = '';
  let examples = '';

  beforeAll(async () => {
    const examplesPort = await freePort();
    examples = `http://127.0.0.1:${examplesPort}`;
    server = await startServerProcess(['--seed-if-empty', '--examples'], {
      EXAMPLES_PORT: String(examplesPort),
      SEED_PROFESSIONALS: '20',
    });
    api = server.url;
  }, 180_000);

  afterAll(() => {
    server?.child.kill('SIGTERM');
  });

  it('lets its own example pages use the demo keys on any EXAMPLES_PORT', async () => {
    const page = await fetch(`${examples}/chapter-site/`);
    expect(page.status).toBe(200);
    const res = await fetch(`${api}/v1/campaigns?key=pk_demo_ilma-usa`, { headers: { Origin: examples } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(examples);
  });

  it('starts without an npm warning about the project configuration', () => {
    // As from a shell: without the npm_config_* variables a pnpm-run test inherits.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
    const npm = spawnSync('npm', ['pkg', 'get', 'name'], { cwd: repo, encoding: 'utf8', env });
    expect(npm.status).toBe(0);
    expect(npm.stderr).not.toMatch(/npm warn/i);
  });
});
