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

/** The `/data/...` requests the page makes, by kind. */
function recordDataRequests(page) {
  const urls = [];
  page.on('request', (req) => {
    if (req.url().includes('/data/')) urls.push(req.url());
  });
  const path = (u) => new URL(u).pathname;
  return {
    get all() {
      return urls.slice();
    },
    get manifest() {
      return urls.filter((u) => path(u).endsWith('/data/manifest.json'));
    },
    get pages() {
      return urls.filter((u) => /\/data\/[^/]+\/pages\/\d+\.json$/.test(path(u)));
    },
    get posts() {
      return urls.filter((u) => /\/data\/[^/]+\/posts\/.+\.json$/.test(path(u)));
    },
    clear() {
      urls.length = 0;
    },
  };
}

module.exports = { test, expect: base.expect, siteUrl, recordDataRequests, appReady };
