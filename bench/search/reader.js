// The reader's own search latency in headless Chromium, under the same cold
// conditions as pagefind.js: a fresh browser context per query.
//
//   node reader.js SITE_DIR QUERIES.txt PORT  → one JSON line per query: {"q", "results", "ms", "gzip"}
//
// The page opens /search/ and waits for the app to be ready (WASM loaded, not
// timed); then the query is typed into the search box and timed until its
// results are on screen (the result list carries the query it answers). The
// time includes every fetch the query needs (manifest, keys, shards, result
// chunks, snippet texts), from a local server; gzip counts those bodies.
const fs = require('node:fs');
const zlib = require('node:zlib');
const { withSite, run } = require('../site');

async function main() {
  const [site, queriesFile, port] = process.argv.slice(2);
  const queries = fs.readFileSync(queriesFile, 'utf8').split('\n').filter((l) => l.trim());
  await withSite(site, port, async (browser, origin) => {
    for (const q of queries) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.route((url) => !url.href.startsWith(origin), (r) => r.abort());
      await page.goto(origin + '/search/');
      await page.waitForSelector('#app:not([data-pending]) #site-search-input');
      const pending = [];
      page.on('response', (res) => {
        if (res.url().includes('/data/')) pending.push(res.body().then((b) => b, () => null));
      });
      const r = await page.evaluate(async (q) => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector('#site-search-input'));
        const done = new Promise((resolve) => {
          const seen = () => {
            const el = document.querySelector('.search-results, .search-none');
            return el && el.getAttribute('data-query') === q ? el : null;
          };
          const obs = new MutationObserver(() => {
            const el = seen();
            if (el) {
              obs.disconnect();
              resolve(el.matches('.search-results') ? el.children.length : 0);
            }
          });
          obs.observe(document.body, { subtree: true, childList: true, attributes: true });
        });
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const results = await done;
        return { results, ms: performance.now() - t0 };
      }, q);
      const bodies = (await Promise.all(pending)).filter(Boolean);
      const gzip = bodies.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0);
      console.log(JSON.stringify({ q, results: r.results, ms: r.ms, gzip }));
      await context.close();
    }
  });
}

run(main);
