// Pagefind's bytes and latency per query, in headless Chromium.
//
//   node pagefind.js SITE_DIR QUERIES.txt PORT  → one JSON line per query:
//   {"q", "results", "files", "bytes", "gzip", "data_bytes", "data_gzip", "init_ms", "ms"}
//
// Each query runs in a fresh browser context (cold cache): the page imports
// /pagefind/pagefind.js, awaits pagefind.init() (init_ms), then times
// `await pagefind.search(q)` plus `data()` of the first 5 results (ms). Bytes:
// every response under /pagefind/ (body length; gzip = the smaller of the body
// and its gzip -9, since Pagefind's index files are gzipped already);
// data_* leaves out the code (pagefind.js and the wasm).
const path = require('node:path');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { spawn } = require('node:child_process');
const root = path.join(__dirname, '..', '..');
const { chromium } = require(path.join(root, 'tests', 'e2e', 'node_modules', '@playwright', 'test'));

async function main() {
  const [site, queriesFile, port] = process.argv.slice(2);
  const origin = `http://127.0.0.1:${port}`;
  const queries = fs.readFileSync(queriesFile, 'utf8').split('\n').filter((l) => l.trim());
  const server = spawn('python3', [path.join(root, 'scripts', 'serve.py'), '--root', site, '--port', String(port), '--quiet']);
  await new Promise((resolve) => server.stdout.once('data', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const q of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pending = [];
      page.on('response', (res) => {
        if (!res.url().startsWith(origin + '/pagefind/')) return;
        pending.push(res.body().then((body) => ({ url: res.url(), body }), () => null));
      });
      await page.goto(origin + '/search.html');
      const r = await page.evaluate(async (q) => {
        const t0 = performance.now();
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const t1 = performance.now();
        const search = await pagefind.search(q);
        await Promise.all(search.results.slice(0, 5).map((x) => x.data()));
        const t2 = performance.now();
        return { results: search.results.length, init_ms: t1 - t0, ms: t2 - t1 };
      }, q);
      const bodies = (await Promise.all(pending)).filter(Boolean);
      const gz = (b) => Math.min(b.length, zlib.gzipSync(b, { level: 9 }).length);
      const isCode = (u) => /pagefind\.js$|\.pagefind$|wasm/.test(u);
      const sum = (list, f) => list.reduce((n, b) => n + f(b.body), 0);
      const data = bodies.filter((b) => !isCode(b.url));
      console.log(JSON.stringify({
        q, results: r.results, files: bodies.length,
        bytes: sum(bodies, (b) => b.length), gzip: sum(bodies, gz),
        data_bytes: sum(data, (b) => b.length), data_gzip: sum(data, gz),
        init_ms: r.init_ms, ms: r.ms,
      }));
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
