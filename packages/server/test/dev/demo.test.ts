// `npm run demo` as an operator runs it: the server with its example pages on a port of their choice.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const server = fileURLToPath(new URL('../../', import.meta.url));
const repo = fileURLToPath(new URL('../../../../', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('the demo', () => {
  let child: ChildProcess | undefined;
  let api = '';
  let examples = '';

  beforeAll(async () => {
    const [port, examplesPort] = [await freePort(), await freePort()];
    api = `http://127.0.0.1:${port}`;
    examples = `http://127.0.0.1:${examplesPort}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--seed-if-empty', '--examples'], {
      cwd: server,
      env: {
        ...process.env,
        PORT: String(port),
        EXAMPLES_PORT: String(examplesPort),
        HOST: '127.0.0.1',
        MAHJAR_DATA_DIR: 'memory://',
        DATABASE_URL: '',
        SEED_PROFESSIONALS: '20',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Press Ctrl+C')) resolve();
      };
      child!.stdout!.on('data', seen);
      child!.stderr!.on('data', seen);
      child!.once('exit', (code) => reject(new Error(`the demo exited (${code}):\n${output}`)));
    });
  }, 180_000);

  afterAll(() => {
    child?.kill('SIGTERM');
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
