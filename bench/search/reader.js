// The reader's own search latency in headless Chromium, under the same cold
// conditions as pagefind.js: a fresh browser context per query.
//
//   node reader.js SITE_DIR QUERIES.txt PORT  → one JSON line per query: {"q", "results", "ms", "gzip"}
//                                              then one per keystroke: {"keystroke", "ms"}
//
// The page opens /search/ and waits for the app to be ready to search (the
// search box marked data-ready: WASM loaded, shard keys read; not timed, as
// pagefind.js does not time pagefind.init()). Requests are not intercepted (page.route would pause every request
// for a round trip to this script, which pagefind.js does not pay either;
// the search page asks no other host for anything); then the query is typed into the search box and timed until its
// results are on screen (the result list carries the query it answers). The
// time includes every fetch the first results need (manifest, keys, shards,
// result chunks, the posts snippets are cut from), from a local server; gzip
// counts those bodies and those of the results that follow (read for a
// second after).
//
// Then typing, in one page that stays open: each query typed a letter at a
// time, from its third letter on (the first two search nothing), each
// keystroke timed until the results for the text so far are on screen.
const fs = require('node:fs');
const zlib = require('node:zlib');
const { withSite, run } = require('../site');

async function main() {
  const [site, queriesFile, port] = process.argv.slice(2);
  const queries = fs.readFileSync(queriesFile, 'utf8').split('\n').filter((l) => l.trim());
  /** Types `q` into the page's search box and resolves when its results show. */
  const typed = (page, q) => page.evaluate(async (q) => {
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
  // The search page reads the shard keys when it opens, then marks the box.
  const prepared = (page) => page.waitForSelector('#app:not([data-pending]) #site-search-input[data-ready]');
  await withSite(site, port, async (browser, origin) => {
    for (const q of queries) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(origin + '/search/');
      await prepared(page);
      const pending = [];
      page.on('response', (res) => {
        // The index's files and the posts' pages snippets are cut from.
        if (res.request().resourceType() === 'fetch') pending.push(res.body().then((b) => b, () => null));
      });
      const r = await typed(page, q);
      // Results after the first few follow; their files count for the query too.
      await page.waitForTimeout(1000);
      const bodies = (await Promise.all(pending)).filter(Boolean);
      const gzip = bodies.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0);
      console.log(JSON.stringify({ q, results: r.results, ms: r.ms, gzip }));
      await context.close();
    }
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(origin + '/search/');
    await prepared(page);
    for (const q of queries) {
      const letters = [...q];
      for (let n = 3; n <= letters.length; n++) {
        const r = await typed(page, letters.slice(0, n).join(''));
        // The first letters of a query fetch its shards: the keystrokes after them are timed.
        if (n > 3) console.log(JSON.stringify({ keystroke: letters.slice(0, n).join(''), ms: r.ms }));
      }
    }
    await context.close();
  });
}

run(main);
