// One way to start Chromium for every browser test and bench (widget tests, embedding and loader
// tests, consumer projects, the directory bench, story screenshots): Debian's `chromium` unless
// CHROMIUM_PATH names another, with the flags a container needs (no sandbox, no GPU) and none of the
// background traffic (updates, sync, first-run pages) that would add requests to what a test counts.

/** Launch options for playwright-core's `chromium.launch()` (and web-test-runner's `playwrightLauncher`). */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
};

/**
 * Starts Chromium with `chromiumLaunchOptions`; pass playwright-core's `chromium` (each package
 * brings its own playwright-core).
 * @param {{ launch(options: typeof chromiumLaunchOptions): Promise<T> }} chromium
 * @returns {Promise<T>}
 * @template T
 */
export const launchChromium = (chromium) => chromium.launch(chromiumLaunchOptions);
