// @ts-check
// How a huge post behaves in the browser: `node bench/faults/big-post.js URL`
// prints, for the article at URL, the time until its pre-rendered page is
// loaded and until the app has taken over, the main thread's long tasks
// (longest, sum, count) while it does, and the same tasks when the app is
// kept from loading (what the browser spends on the pre-rendered HTML alone).
const path = require('node:path');
const { chromium } = require(path.join(__dirname, '..', '..', 'tests', 'e2e', 'node_modules', 'playwright'));

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function run(url, withApp) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage();
    if (!withApp) await page.route('**/*.wasm', (r) => r.abort());
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__long = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__long.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(url, { timeout: 180_000 });
    const loaded = Date.now() - t0;
    let ready = null;
    if (withApp) {
      await page.locator('#app:not([data-pending])').waitFor({ timeout: 180_000 });
      ready = Date.now() - t0;
    }
    await page.waitForTimeout(3000);
    const long = await page.evaluate(() => /** @type {any} */ (window).__long);
    return {
      loaded_ms: loaded,
      app_ready_ms: ready,
      longest_task_ms: Math.round(Math.max(0, ...long)),
      long_tasks_ms: Math.round(long.reduce((a, b) => a + b, 0)),
      long_tasks: long.length,
    };
  } finally {
    await browser.close();
  }
}

(async () => {
  const url = process.argv[2];
  const app = await run(url, true);
  const html = await run(url, false);
  console.log(JSON.stringify({ url, with_app: app, pre_rendered_html_only: html }));
})();
