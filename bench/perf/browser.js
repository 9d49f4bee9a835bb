// What a reader's browser sees of a built site, served locally by
// scripts/serve.py and driven in headless Chromium (no throttling: these are
// this machine's figures; Lighthouse adds the phone's).
//
//   node bench/perf/browser.js DIST [--json OUT] [--clicks 50] [--dwell 200] [--runs 5]
//
// For the home page and the newest article (the first /blog/ link on the home page):
//   bytes     every response of a cold view (uncompressed, and gzip -9 of each body);
//             hosts other than the site (hero images on a CDN) are blocked, not counted
//   paint     navigation → first contentful paint (the text; on this reader, the
//             pre-rendered copy in the entry page) and → largest contentful paint,
//             cold (new profile) and warm (reload with the HTTP and service-worker caches)
//   ready     navigation → the reader app has taken over (this reader only)
// From that article, `--clicks` clicks on "older post" (bouncing at the ends) and as
// many back on "newer post": click → the next article's text painted, for articles
// opened for the first time and for revisits (cache warm), median and p95. The reader
// stays `--dwell` ms on each article before the next click (what a site does in that
// time, such as reading the neighbours ahead, counts). After
// the first `--clicks` articles: JS heap (after a forced GC) and WebAssembly memory.
// A site without the reader (Hugo's) has no app: a click there is a page load,
// timed the same way (click → the new page's first contentful paint).
const path = require('node:path');
const zlib = require('node:zlib');
const fs = require('node:fs');
const { withSite, run } = require('../site');

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : def;
};
const jsonOut = opt('--json', null);
const clicks = Number(opt('--clicks', 50));
const dwell = Number(opt('--dwell', 200));
const runs = Number(opt('--runs', 5));
const dist = path.resolve(args[0] || 'dist');
const port = Number(process.env.BENCH_PORT || 8098);
const origin = `http://127.0.0.1:${port}`;

const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const p95 = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
};
const round = (x) => (x == null ? null : Math.round(x * 10) / 10);

// Paint timings and the app's takeover, recorded from the first byte of every document.
const OBSERVE = () => {
  window.__bench = { fcp: null, lcp: null, ready: null };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__bench.wasm = e.detail.wasm;
  });
  const watch = () => {
    if (document.getElementById('prerender') || document.querySelector('#app[data-pending]')) return;
    if (!document.getElementById('app')) return;
    window.__bench.ready = performance.now();
    observer.disconnect();
  };
  const observer = new MutationObserver(watch);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
};

async function newContext(browser) {
  const context = await browser.newContext();
  await context.addInitScript(OBSERVE);
  // Other hosts are not fetched (the sandbox has no network; a CDN is not what we measure).
  await context.route((url) => !url.href.startsWith(origin), (r) => r.abort());
  return context;
}

/** Waits until the view is complete: the app has taken over (reader) or the page has loaded (static). */
async function settled(page, isApp) {
  if (isApp) await page.waitForFunction(() => window.__bench && window.__bench.ready != null, null, { timeout: 30000 });
  else await page.waitForLoadState('load');
  // LCP entries stop at the first input; give the last paint a frame to be reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  return page.evaluate(() => ({ fcp: window.__bench.fcp, lcp: window.__bench.lcp, ready: window.__bench.ready }));
}

async function coldBytes(browser, route, isApp) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const bodies = [];
  page.on('response', async (res) => {
    if (!res.url().startsWith(origin)) return;
    try {
      bodies.push({ url: res.url(), body: await res.body() });
    } catch {}
  });
  await page.goto(origin + route, { waitUntil: 'networkidle' });
  await settled(page, isApp);
  await context.close();
  const sum = (list, f) => list.reduce((n, b) => n + f(b.body), 0);
  const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
  const data = bodies.filter((b) => b.url.includes('/data/'));
  return {
    requests: bodies.length,
    bytes: sum(bodies, (b) => b.length),
    gzip: sum(bodies, gz),
    data_files: data.length,
    data_bytes: sum(data, (b) => b.length),
    data_gzip: sum(data, gz),
  };
}

async function paints(browser, route, isApp) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(origin + route);
    cold.push(await settled(page, isApp));
    if (isApp) {
      // The service worker has installed and cached the shell before the warm visit.
      await page.evaluate(() => Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 5000))]));
    }
    await page.reload();
    warm.push(await settled(page, isApp));
    await context.close();
  }
  const pick = (list, k) => round(median(list.map((x) => x[k]).filter((x) => x != null)));
  return {
    cold: { fcp: pick(cold, 'fcp'), lcp: pick(cold, 'lcp'), ready: pick(cold, 'ready') },
    warm: { fcp: pick(warm, 'fcp'), lcp: pick(warm, 'lcp'), ready: pick(warm, 'ready') },
  };
}

/** One click on the older/newer link; ms until the new article's text is painted. */
async function clickThrough(page, rel, isApp) {
  if (isApp) {
    return page.evaluate(async (rel) => {
      const link = document.querySelector(`nav.post-nav a[rel="${rel}"]`);
      if (!link) return null;
      const href = link.href;
      const t0 = performance.now();
      link.click();
      await new Promise((resolve) => {
        const done = () => {
          const h1 = document.querySelector('#app:not([data-pending]) article.post h1.post-title');
          return location.href === href && h1 && h1.textContent.trim();
        };
        if (done()) return resolve();
        const observer = new MutationObserver(() => {
          if (done()) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      });
      // The text is in the DOM: wait for the frame that paints it (a message posted
      // from requestAnimationFrame is handled right after that frame's paint).
      await new Promise((r) =>
        requestAnimationFrame(() => {
          const c = new MessageChannel();
          c.port1.onmessage = r;
          c.port2.postMessage(0);
        }),
      );
      return { ms: performance.now() - t0, url: href };
    }, rel);
  }
  const link = page.locator(`a[rel="${rel}"]`).first();
  if ((await link.count()) === 0) return null;
  const href = await link.evaluate((a) => a.href);
  const t0 = await page.evaluate(() => performance.timeOrigin + performance.now());
  await link.click();
  await page.waitForURL(href);
  const t = await settled(page, false);
  const origin0 = await page.evaluate(() => performance.timeOrigin);
  return { ms: origin0 + t.fcp - t0, url: href };
}

async function navigation(browser, route, isApp) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(origin + route);
  await settled(page, isApp);
  const seen = new Set([page.url()]);
  const first = [];
  const again = [];
  let rel = 'prev';
  let heap = null;
  for (let i = 0; i < 2 * clicks; i++) {
    if (i === clicks) {
      heap = await memory(context, page, isApp);
      rel = rel === 'prev' ? 'next' : 'prev';
    }
    let r = await clickThrough(page, rel, isApp);
    if (!r) {
      rel = rel === 'prev' ? 'next' : 'prev';
      r = await clickThrough(page, rel, isApp);
      if (!r) break;
    }
    (seen.has(r.url) ? again : first).push(r.ms);
    seen.add(r.url);
    await page.waitForTimeout(dwell);
  }
  await context.close();
  const stats = (xs) => ({ n: xs.length, median: round(median(xs)), p95: round(p95(xs)) });
  return { first: stats(first), revisit: stats(again), after_clicks: clicks, dwell_ms: dwell, memory: heap };
}

async function memory(context, page, isApp) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n) => metrics.find((m) => m.name === n)?.value;
  const wasm = isApp ? await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? null) : null;
  return { js_heap_used: get('JSHeapUsedSize'), js_heap_total: get('JSHeapTotalSize'), wasm_memory: wasm, dom_nodes: get('Nodes') };
}

async function main() {
  await withSite(dist, port, async (browser) => {
    const isApp = fs.existsSync(path.join(dist, 'data', 'manifest.json'));
    // The newest article: the first post link of the home page.
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(origin + '/');
    await settled(page, isApp);
    const href = await page.locator('main a[href*="/blog/"]').first().getAttribute('href');
    const article = new URL(href, page.url()).pathname;
    await context.close();

    const result = { dist, app: isApp, article, home: {}, post: {} };
    for (const [key, route] of [['home', '/'], ['post', article]]) {
      result[key].cold = await coldBytes(browser, route, isApp);
      result[key].paint = await paints(browser, route, isApp);
    }
    result.navigation = await navigation(browser, article, isApp);
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  });
}

run(main);
