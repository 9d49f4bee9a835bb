// Where a cold query's time goes: for each query, in a fresh browser context
// as reader.js runs it, the moments (ms after the keystroke) its requests of
// each kind start and end, from the page's Resource Timing entries.
//
//   node bench/search/phases.js SITE_DIR QUERIES.txt PORT
//
// bench/search/run.sh (and so `make bench`) runs it after reader.js.
//
// Prints the medians over the queries: the input handler's own time, then the
// term shards and the document chunks (first request started, last response
// ended), the results painted (with their descriptions), then the posts'
// pages the first results' snippets are cut from, and the snippets shown.
const fs = require('node:fs');
const { withSite, run } = require('../site');

async function main() {
  const [site, queriesFile, port] = process.argv.slice(2);
  const queries = fs.readFileSync(queriesFile, 'utf8').split('\n').filter((l) => l.trim());
  const rows = [];
  await withSite(site, Number(port), async (browser, origin) => {
    for (const q of queries) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(origin + '/search/');
      await page.waitForSelector('#app:not([data-pending]) #site-search-input[data-ready]');
      rows.push(await page.evaluate(async (q) => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector('#site-search-input'));
        const done = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            const el = document.querySelector('.search-results, .search-none');
            if (el && el.getAttribute('data-query') === q) {
              obs.disconnect();
              resolve(undefined);
            }
          });
          obs.observe(document.body, { subtree: true, childList: true, attributes: true });
        });
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const handler = performance.now() - t0;
        await done;
        const painted = performance.now() - t0;
        // Then the snippets, in place of the first results' descriptions.
        const marked = () => document.querySelector('ol.search-results mark');
        const snippets = await new Promise((resolve) => {
          if (marked() || !document.querySelector('.search-results')) return resolve(marked() ? performance.now() - t0 : null);
          const obs = new MutationObserver(() => {
            if (marked()) {
              obs.disconnect();
              resolve(performance.now() - t0);
            }
          });
          obs.observe(document.body, { subtree: true, childList: true });
          setTimeout(() => { obs.disconnect(); resolve(null); }, 3000);
        });
        const entries = performance.getEntriesByType('resource')
          .filter((e) => e.startTime >= t0 && e.startTime <= t0 + (snippets ?? painted));
        // Shards and chunks until the results are painted (the other results'
        // chunks follow them), posts until the snippets show.
        const span = (re, until) => {
          const of = entries.filter((e) => re.test(new URL(e.name).pathname) && e.startTime <= t0 + until);
          return of.length
            ? [Math.min(...of.map((e) => e.startTime - t0)), Math.max(...of.map((e) => e.responseEnd - t0))]
            : null;
        };
        return { handler, painted, snippets, shards: span(/\/search\/t\//, painted), chunks: span(/\/search\/d\//, painted),
          posts: span(/\/index\.html$|\/$/, snippets ?? painted) };
      }, q));
      await context.close();
    }
  });
  const median = (f) => {
    const v = rows.map(f).filter((x) => x != null).sort((a, b) => a - b);
    return v.length ? v[v.length >> 1].toFixed(1) : '-';
  };
  console.log(`${rows.length} cold queries, medians in ms after the keystroke:`);
  console.log(`  input handler      ${median((r) => r.handler)}`);
  const span = (kind) => `requested ${median((r) => r[kind]?.[0]).padStart(6)}, last answer ${median((r) => r[kind]?.[1]).padStart(6)}`;
  console.log(`  shards  ${span('shards')}`);
  console.log(`  chunks  ${span('chunks')}`);
  console.log(`  results painted    ${median((r) => r.painted)}`);
  console.log(`  posts   ${span('posts')}`);
  console.log(`  snippets shown     ${median((r) => r.snippets)}`);
}

run(main);
