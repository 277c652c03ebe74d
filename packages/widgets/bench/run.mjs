// `pnpm bench` in packages/widgets: the size budgets, then the directory timings. Both always run
// (a size overrun must not hide the timings); exits non-zero when either reports a budget exceeded.
import { spawnSync } from 'node:child_process';

const dir = new URL('..', import.meta.url).pathname;
let failed = false;
for (const script of ['size.mjs', 'bench/directory.bench.mjs']) {
  const { status } = spawnSync(process.execPath, [script], { cwd: dir, stdio: 'inherit' });
  failed ||= status !== 0;
}
process.exit(failed ? 1 : 0);
