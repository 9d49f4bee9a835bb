// Shared fixtures for the e2e specs.
//
// `consoleGuard` is automatic: every test fails if the page logs a console
// error or throws an uncaught exception (`pageerror`), e.g. a WASM panic.
// A test that provokes an error on purpose (a 404 document, an aborted fetch)
// lists the expected messages with `consoleGuard.allow(/regex/)`.
const base = require('@playwright/test');

// A 1×1 transparent PNG, served in place of anything the content names on other hosts.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const test = base.test.extend({
  // The tests are hermetic: requests to any host but the test server (hero
  // images on a CDN, say) get a local placeholder instead of the network,
  // and are listed in `externalRequests` for tests that care.
  externalRequests: [
    async ({ page, baseURL }, use) => {
      // Every site under test is served from this machine (any port).
      const ours = new URL(baseURL || 'http://127.0.0.1/').hostname;
      const seen = [];
      await page.route(
        (url) => url.hostname !== ours && /^https?:$/.test(url.protocol),
        (route) => {
          seen.push(route.request().url());
          return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
        },
      );
      await use(seen);
    },
    { auto: true },
  ],
  consoleGuard: [
    async ({ page }, use) => {
      const problems = [];
      const allowed = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const where = msg.location() && msg.location().url ? ` (${msg.location().url})` : '';
        problems.push(`console error: ${msg.text()}${where}`);
      });
      page.on('pageerror', (err) => {
        problems.push(`uncaught exception: ${err.message}`);
      });
      await use({
        allow(re) {
          allowed.push(re);
        },
        get problems() {
          return problems.slice();
        },
      });
      const unexpected = problems.filter((p) => !allowed.some((re) => re.test(p)));
      base.expect(unexpected, 'console errors or uncaught exceptions on the page').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Waits until the app has taken over from the entry page's pre-rendered copy
 * (whose links load pages normally, and which the app replaces).
 */
async function appReady(page) {
  await base.expect(page.locator('#prerender')).toHaveCount(0);
}

/** Absolute URL of a path inside the site, under the PUBLIC_URL prefix. */
function siteUrl(baseURL, rel = '') {
  return new URL(rel.replace(/^\/+/, ''), baseURL).href;
}

/** The entry page of a route: `/blog/x/` → `blog/x/index.html`. */
function routeFile(route) {
  return `${route.replace(/^\/+/, '')}index.html`;
}

/**
 * The data an entry page's HTML carries for `route` (`/`, `/blog/x/`),
 * parsed, as `blog_bundle::page_data` reads it; `null` when it has none.
 */
function routeData(html, route) {
  const open = `<script type="application/json" id="blog-data" data-route="${route}">`;
  const start = html.indexOf(open);
  if (start < 0) return null;
  const rest = html.slice(start + open.length);
  return JSON.parse(rest.slice(0, rest.indexOf('</script>')));
}

/** The data of `route` from the site at `baseURL` (a page request). */
async function fetchRoute(request, baseURL, route) {
  const response = await request.get(siteUrl(baseURL, routeFile(route)));
  return routeData(await response.text(), route);
}

/**
 * What the page reads for its views, by kind: `/data/...` files and the
 * entry pages the app fetches for their data (`…/index.html`).
 */
function recordDataRequests(page) {
  const urls = [];
  page.on('request', (req) => {
    const fetched = req.resourceType() === 'fetch' && new URL(req.url()).pathname.endsWith('/index.html');
    if (req.url().includes('/data/') || fetched) urls.push(req.url());
  });
  const path = (u) => new URL(u).pathname;
  const isPost = (u) => /\/blog\/[^/]+\/index\.html$/.test(path(u));
  return {
    get all() {
      return urls.slice();
    },
    get manifest() {
      return urls.filter((u) => path(u).endsWith('/data/manifest.json'));
    },
    /** Pages of the post list. */
    get pages() {
      return urls.filter((u) => /\/index\.html$/.test(path(u)) && !isPost(u) && !/\/(tags|archive|search)\//.test(path(u)));
    },
    /** Posts' pages (the seeds' posts are under `blog/`). */
    get posts() {
      return urls.filter(isPost);
    },
    clear() {
      urls.length = 0;
    },
  };
}

module.exports = { test, expect: base.expect, siteUrl, recordDataRequests, appReady, routeFile, routeData, fetchRoute };
