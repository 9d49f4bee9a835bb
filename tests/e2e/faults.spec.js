// @ts-check
// Faults from outside (issue "faults"): hosts with an SPA fallback, redeploys
// under open tabs, a blog larger than the offline cap, browsers whose
// `navigator.serviceWorker` is there but undefined, and addresses as hands and
// hosts mangle them. Each test runs its own server over a copy of a build.
const path = require('node:path');
const { test, expect, appReady } = require('./fixtures');
const { deploy, postsOf, PREFIX, repo } = require('./deploy');

const SITE_A = path.resolve(process.env.E2E_DIST || path.join(repo, 'dist'));
const SITE_B = path.resolve(process.env.E2E_UPDATE_DIST || path.join(repo, 'build', 'update-site'));
const SITE_CAPPED = path.resolve(process.env.E2E_CAPPED_DIST || path.join(repo, 'build', 'capped-site'));
const PORT = Number(process.env.E2E_PORT || 8090) + 6;
const at = (rel = '') => `http://127.0.0.1:${PORT}${PREFIX}${rel}`;
const NOT_FOUND = /Страница не найдена|Page not found/;
const DAMAGED = /повреждены|damaged/;

/**
 * Ends a test whose last page opened a post: the tab is closed before the host
 * goes, as a reader leaves. The post's neighbours are read ahead when the tab
 * is idle; stopping the host under that read-ahead would log a failed load that
 * no reader of an open tab meets (the next post is then fetched when opened).
 */
async function leave(page, server) {
  await page.close();
  await server.stop();
}

test.describe('faults from outside', () => {
  test('on a host with an SPA fallback, missing posts, tags and pages are "not found"', async ({ page }) => {
    const server = await deploy(SITE_A, PORT, { spa: true });
    try {
      for (const route of ['blog/no-such-post/', 'tags/no-such-tag/', 'page/99/', 'no/such/route/']) {
        const res = await page.goto(at(route));
        expect(res?.status(), `${route}: the host answers 200 with the app`).toBe(200);
        await appReady(page);
        await expect(page.locator('main h1'), route).toHaveText(NOT_FOUND);
        await expect(page.locator('main')).not.toContainText(DAMAGED);
      }
    } finally {
      await server.stop();
    }
  });

  test('a tab left open across a redeploy on an SPA-fallback host recovers by itself, and no HTML is cached as data', async ({ page }) => {
    test.setTimeout(90_000);
    // The capped build caches nothing in the background: the next post comes from the host.
    const server = await deploy(SITE_CAPPED, PORT, { spa: true });
    try {
      const posts = postsOf(SITE_CAPPED);
      await page.goto(at(`${posts[0].path}/`));
      await appReady(page);
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
      server.swap(SITE_B);
      // Older post: its shard of the old build is gone; the host answers with HTML.
      await page.locator('a[rel="prev"]').click();
      await expect(page).toHaveURL(at(`${posts[1].path}/`));
      await expect(page.locator('article.post h1')).toBeVisible();
      await expect(page.locator('main')).not.toContainText(DAMAGED);
      await expect(page.locator('main')).not.toContainText(NOT_FOUND);
      // Whatever the worker kept is what its name says: no HTML under a JSON name.
      const wrong = await page.evaluate(async () => {
        const bad = [];
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            const response = await cache.match(request);
            const html = (response?.headers.get('content-type') || '').includes('html');
            if (html !== /\.html?$|\/$/.test(new URL(request.url).pathname)) bad.push(request.url);
          }
        }
        return bad;
      });
      expect(wrong).toEqual([]);
    } finally {
      await leave(page, server);
    }
  });

  test('after a redeploy, a post never opened before opens on a blog over the offline cap', async ({ page, consoleGuard }) => {
    test.setTimeout(90_000);
    // The old build's shard is gone from the host: the browser logs that 404 before the app recovers.
    consoleGuard.allow(/status of 404 \(Not Found\) \(.*\/data\/[0-9a-f]+\/posts\//);
    const server = await deploy(SITE_CAPPED, PORT);
    try {
      await page.goto(at());
      await appReady(page);
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
      server.swap(SITE_B);
      // The worker still holds the old manifest; the old shard is gone from the host.
      await page.locator('article.post-card h2 a').nth(1).click();
      await expect(page.locator('article.post h1')).toBeVisible();
      await expect(page.locator('main')).not.toContainText(NOT_FOUND);
      // An entry page of the new build, fetched through the old worker, runs on the new build's data.
      const newest = postsOf(SITE_B)[0];
      await page.goto(at(`${newest.path}/`));
      await appReady(page);
      await expect(page.locator('article.post h1')).toBeVisible();
      await expect(page.locator('main')).not.toContainText(NOT_FOUND);
    } finally {
      await leave(page, server);
    }
  });

  test('with navigator.serviceWorker present but undefined, the app still works', async ({ page }) => {
    const server = await deploy(SITE_A, PORT);
    try {
      await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'serviceWorker', { value: undefined, configurable: true }));
      await page.goto(at());
      await appReady(page);
      await page.locator('article.post-card h2 a').first().click();
      await expect(page.locator('article.post h1')).toBeVisible();
      await page.locator('a[rel="prev"]').click();
      await expect(page).toHaveURL(at(`${postsOf(SITE_A)[1].path}/`));
    } finally {
      await server.stop();
    }
  });

  test('storage that throws (private modes, full disks) costs only what it would remember', async ({ page }) => {
    const server = await deploy(SITE_A, PORT);
    try {
      await page.addInitScript(() => {
        const fail = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
        Object.defineProperty(window, 'localStorage', { get: fail, configurable: true });
      });
      await page.goto(at());
      await appReady(page);
      await page.locator('button.theme-toggle').click();
      await page.locator('article.post-card h2 a').first().click();
      await expect(page.locator('article.post h1')).toBeVisible();
      await page.mouse.wheel(0, 2000);
      await page.locator('a[rel="prev"]').click();
      await expect(page).toHaveURL(at(`${postsOf(SITE_A)[1].path}/`));
    } finally {
      await server.stop();
    }
  });

  test('on hosts that read _headers, the policy is a real header and hashed files are cached for good', async ({ page, request }) => {
    const server = await deploy(SITE_A, PORT, { headers: true });
    try {
      const res = await page.goto(at());
      const headers = res?.headers() || {};
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['cache-control']).toBe('no-cache');
      await appReady(page);
      const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.endsWith('.wasm')));
      expect((await request.get(/** @type {string} */ (wasm))).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      const manifest = await request.get(at('data/manifest.json'));
      expect(manifest.headers()['cache-control']).toBe('no-cache');
      const build = (await manifest.json()).build_id;
      expect((await request.get(at(`data/${build}/search/keys.json`))).headers()['cache-control']).toContain('immutable');
    } finally {
      await server.stop();
    }
  });

  test('an article at index.html, with a doubled slash, stays the article', async ({ page }) => {
    const server = await deploy(SITE_A, PORT);
    try {
      const post = postsOf(SITE_A)[0];
      for (const url of [at(`${post.path}/index.html`), at(`${post.path}//`), `http://127.0.0.1:${PORT}/${PREFIX}${post.path}/`]) {
        await page.goto(url);
        await appReady(page);
        await expect(page.locator('article.post h1'), url).toBeVisible();
        await expect(page.locator('main'), url).not.toContainText(NOT_FOUND);
      }
    } finally {
      await server.stop();
    }
  });
});
