import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
const roots: Record<string, string> = {
  '/widgets/': join(repo, 'packages/widgets/dist/'),
  '/console/': join(repo, 'packages/console/dist/'),
  '/': join(repo, 'examples/'),
};
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `examples/` (and the built widgets under `/widgets/`, the built console under `/console/`) on their own origin, as a chapter's
 * WordPress site would be, with a strict Content-Security-Policy: no inline script, no eval.
 * Pages name the API as `http://127.0.0.1:8787`; that is rewritten to the API actually running.
 */
export function startExamplesServer(port: number, host: string, apiUrl: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p))!;
    let file = normalize(join(roots[prefix]!, path.slice(prefix.length)));
    if (!file.startsWith(roots[prefix]!)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body: Buffer | string = await readFile(file);
      const type = types[extname(file)] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) body = body.toString('utf8').replaceAll('http://127.0.0.1:8787', apiUrl);
      res.writeHead(200, {
        'content-type': type,
        'cache-control': 'no-cache',
        'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${apiUrl}; form-action 'self' ${apiUrl}; frame-ancestors 'none'; base-uri 'none'`,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}
