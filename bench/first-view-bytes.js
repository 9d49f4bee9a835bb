// Bytes a cold first view fetches, per route, from a built dist/ served by
// scripts/serve.py (uncompressed and gzip -9 of each response body).
//
//   node bench/first-view-bytes.js [DIST] [ROUTE ...]
//   (default DIST: dist; default routes: the home page and the newest post)
//
// Runs Debian's Chromium through the e2e suite's Playwright (make test installs both).
const path = require('node:path');
const zlib = require('node:zlib');
const { spawn } = require('node:child_process');
const { chromium } = require(path.join(__dirname, '..', 'tests', 'e2e', 'node_modules', '@playwright', 'test'));

const dist = path.resolve(process.argv[2] || 'dist');
const port = 8099;
const origin = `http://127.0.0.1:${port}`;

async function main() {
  const server = spawn('python3', [path.join(__dirname, '..', 'scripts', 'serve.py'), '--root', dist, '--port', String(port), '--quiet']);
  await new Promise((resolve) => server.stdout.once('data', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    let routes = process.argv.slice(3);
    if (routes.length === 0) {
      const manifest = await (await fetch(`${origin}/data/manifest.json`)).json();
      const page1 = await (await fetch(`${origin}/data/${manifest.build_id}/pages/1.json`)).json();
      routes = ['/', `/blog/${page1.posts[0].slug}/`];
    }
    console.log('route'.padEnd(44), 'requests', 'bytes'.padStart(10), 'gzip'.padStart(10), '  (data/ only: bytes, gzip)');
    for (const route of routes) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies = [];
      page.on('response', async (res) => {
        if (!res.url().startsWith(origin)) return;
        try {
          bodies.push({ url: res.url(), body: await res.body() });
        } catch {}
      });
      // Other hosts (hero images on a CDN) are not counted and not fetched.
      await page.route((url) => !url.href.startsWith(origin), (r) => r.abort());
      await page.goto(origin + route, { waitUntil: 'networkidle' });
      await page.waitForSelector('#app:not([data-pending])');
      const sum = (list, f) => list.reduce((n, b) => n + f(b.body), 0);
      const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
      const data = bodies.filter((b) => b.url.includes('/data/'));
      console.log(
        route.padEnd(44),
        String(bodies.length).padStart(8),
        String(sum(bodies, (b) => b.length)).padStart(10),
        String(sum(bodies, gz)).padStart(10),
        `  (${data.length} files: ${sum(data, (b) => b.length)}, ${sum(data, gz)})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
