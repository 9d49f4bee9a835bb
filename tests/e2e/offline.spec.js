// @ts-check
// Offline reading and updates. These tests run their own static server over a
// copy of the built site, so they can stop it (offline) or swap the deployed
// build under an open page (update).
const path = require('node:path');
const { test, expect, appReady } = require('./fixtures');
const { deploy: deployOn, postsOf, manifestOf, PREFIX, repo } = require('./deploy');

const SITE_A = path.resolve(process.env.E2E_DIST || path.join(repo, 'dist'));
// Build B: the same app and posts plus tests/fixtures/update/*.md (make test builds it).
const SITE_B = path.resolve(process.env.E2E_UPDATE_DIST || path.join(repo, 'build', 'update-site'));
// The same posts with `[offline] cache_mb = 0`: nothing is cached in the background.
// The English site with the rich-content post and its pictures (make fixture-sites).
const SITE_EN = path.resolve(process.env.E2E_EN_DIST || path.join(repo, 'build', 'en-site'));
const SITE_CAPPED = path.resolve(process.env.E2E_CAPPED_DIST || path.join(repo, 'build', 'capped-site'));
const PORT = Number(process.env.E2E_PORT || 8090) + 5;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const at = (rel = '') => `${ORIGIN}${PREFIX}${rel}`;
const deploy = (site) => deployOn(site, PORT);

// What the browser logs once the host is gone: the worker's failed update
// check of sw.js, and fetches that find no network.
const OFFLINE = /sw\.js|Failed to fetch|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|An unknown error occurred when fetching the script/;

/** Waits until the service worker controls the page and has cached every post. */
async function waitUntilSaved(page) {
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
  await expect(page.locator('.save-offline')).toContainText(/Все статьи сохранены|Every post is saved/, { timeout: 30_000 });
}

test.describe('offline reading', () => {
  test('pictures of saved posts show offline, at phone and desktop widths', async ({ page, context, consoleGuard }) => {
    test.setTimeout(90_000);
    consoleGuard.allow(OFFLINE);
    const server = await deploy(SITE_EN);
    try {
      await page.goto(at());
      await waitUntilSaved(page);
      await server.stop();
      await context.setOffline(true);
      // Each width asks for another of the picture's copies.
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(at('blog/rich-content/'));
        await appReady(page);
        const photo = page.locator('article.post figure.figure img');
        await photo.scrollIntoViewIfNeeded();
        await expect.poll(() => photo.evaluate((el) => /** @type {HTMLImageElement} */ (el).naturalWidth), { message: `at ${width} px` }).toBeGreaterThan(0);
        await expect(page.locator('.img-failed-alt')).toHaveCount(0);
      }
    } finally {
      await context.setOffline(false);
      await server.stop();
    }
  });

  test('after one online visit of the home page, every post reads offline', async ({ page, context, consoleGuard }) => {
    test.setTimeout(90_000);
    consoleGuard.allow(OFFLINE);
    const posts = postsOf(SITE_A);
    const server = await deploy(SITE_A);
    try {
      await page.goto(at());
      await expect(page.locator('ol.post-list article.post-card')).toHaveCount(posts.length);
      await waitUntilSaved(page);

      await server.stop();
      await context.setOffline(true);

      await page.reload();
      await expect(page.locator('ol.post-list article.post-card')).toHaveCount(posts.length);
      await expect(page.locator('.offline-notice')).toBeVisible();
      await expect(page.locator('.offline-mark.saved')).toHaveCount(posts.length);

      // Every post, none of which was opened online, by a direct load...
      for (const post of posts) {
        await page.goto(at(`${post.path}/`));
        await expect(page.locator('article.post h1.post-title')).toBeVisible();
        await expect(page).toHaveTitle(new RegExp(post.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        await expect(page.locator('div.post-body p').first()).not.toBeEmpty();
      }
      // ...and by in-app navigation: walk the whole set through "older post".
      await page.goto(at(`${posts[0].path}/`));
      await appReady(page);
      for (const post of posts.slice(1)) {
        await page.locator('nav.post-nav a[rel="prev"]').click();
        await expect(page).toHaveURL(at(`${post.path}/`));
        await expect(page.locator('article.post h1.post-title')).toBeVisible();
      }
      await page.locator('header.site-header a.site-title').click();
      await expect(page.locator('ol.post-list article.post-card')).toHaveCount(posts.length);
    } finally {
      await context.setOffline(false);
      await server.stop();
    }
  });

  test('a new deployment is offered quietly, and accepting it shows the new post', async ({ page }) => {
    test.setTimeout(90_000);
    const before = postsOf(SITE_A);
    const after = postsOf(SITE_B);
    expect(after.length).toBe(before.length + 1);
    const added = after.find((p) => !before.some((b) => b.path === p.path));
    const server = await deploy(SITE_A);
    try {
      await page.goto(at());
      await appReady(page);
      await waitUntilSaved(page);
      // No prompt while nothing changed, also after a reload. The app must
      // have read the manifest before the deployment changes: the entry
      // page's own cards are there before the app has started.
      await page.reload();
      await appReady(page);
      await waitUntilSaved(page);
      await expect(page.locator('ol.post-list article.post-card')).toHaveCount(before.length);
      await expect(page.locator('.update-prompt')).toHaveCount(0);

      server.swap(SITE_B);
      // Moving inside the app makes it look for a new build.
      await page.locator('ol.post-list article.post-card h2 a').first().click();
      await expect(page.locator('article.post h1.post-title')).toBeVisible();
      const prompt = page.locator('.update-prompt');
      await expect(prompt).toBeVisible({ timeout: 20_000 });
      // Until accepted, the page is all build A: the new post isn't listed.
      await page.locator('header.site-header a.site-title').click();
      await expect(page.locator('ol.post-list article.post-card')).toHaveCount(before.length);

      await Promise.all([page.waitForEvent('load'), prompt.locator('button.notice-action').click()]);
      await expect(page.locator('ol.post-list article.post-card')).toHaveCount(after.length);
      await expect(page.locator('ol.post-list')).toContainText(added.title);
      await expect(page.locator('.update-prompt')).toHaveCount(0);
      // Old caches are gone once the new build took over.
      await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('blog-')).length)).toBe(1);
    } finally {
      await server.stop();
    }
  });

  test('the update prompt can be dismissed', async ({ page }) => {
    test.setTimeout(60_000);
    const server = await deploy(SITE_A);
    try {
      await page.goto(at());
      await appReady(page);
      await waitUntilSaved(page);
      server.swap(SITE_B);
      await page.locator('ol.post-list article.post-card h2 a').first().click();
      const prompt = page.locator('.update-prompt');
      await expect(prompt).toBeVisible({ timeout: 20_000 });
      await prompt.locator('button.notice-dismiss').click();
      await expect(prompt).toHaveCount(0);
    } finally {
      await server.stop();
    }
  });

  test('beyond the cap, opened posts are kept, and "save all" fetches the rest with progress', async ({ page, context, consoleGuard }) => {
    test.setTimeout(90_000);
    consoleGuard.allow(OFFLINE);
    const posts = postsOf(SITE_CAPPED);
    const server = await deploy(SITE_CAPPED);
    try {
      await page.goto(at());
      await appReady(page);
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
      const saved = page.locator('.save-offline');
      await expect(saved).toContainText(`0 из ${posts.length}`);
      // Opening a post online keeps it for offline reading, and its neighbour,
      // which the reader reads ahead once idle.
      await page.locator('ol.post-list article.post-card h2 a').first().click();
      await expect(page.locator('article.post h1.post-title')).toBeVisible();
      const neighbour = at(`${posts[1].path}/index.html`);
      await expect.poll(() => page.evaluate((url) => caches.match(url).then((r) => !!r), neighbour), { timeout: 10_000 }).toBe(true);
      await page.locator('header.site-header a.site-title').click();
      await context.setOffline(true);
      await expect(page.locator('.offline-mark.saved')).toHaveCount(2);
      await expect(page.locator('.offline-mark.missing')).toHaveCount(posts.length - 2);
      await expect(saved.locator('button.save-all')).toBeDisabled();
      await context.setOffline(false);

      const progress = [];
      await page.exposeFunction('__progress', (text) => progress.push(text));
      await page.evaluate(() => {
        new MutationObserver(() => {
          const p = document.querySelector('.save-offline progress');
          if (p) /** @type {any} */ (window).__progress(`${p.getAttribute('value')}/${p.getAttribute('max')}`);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      await saved.locator('button.save-all').click();
      await expect(saved).toContainText('Все статьи сохранены', { timeout: 30_000 });
      expect(progress.length, 'progress was shown').toBeGreaterThan(0);

      await server.stop();
      await context.setOffline(true);
      for (const post of posts) {
        await page.goto(at(`${post.path}/`));
        await expect(page.locator('article.post h1.post-title')).toBeVisible();
      }
    } finally {
      await context.setOffline(false);
      await server.stop();
    }
  });

  test('search works offline and opens the post', async ({ page, context, consoleGuard }) => {
    test.setTimeout(90_000);
    consoleGuard.allow(OFFLINE);
    const server = await deploy(SITE_A);
    try {
      await page.goto(at());
      await appReady(page);
      await waitUntilSaved(page);
      await server.stop();
      await context.setOffline(true);
      await page.reload();
      await expect(page.locator('#prerender')).toHaveCount(0);
      await page.locator('#site-search-input').fill('рутина ');
      const first = page.locator('ol.search-results > li a.search-result-title').first();
      await expect(first).toHaveText(/^Рутина консьержа/);
      await first.click();
      await expect(page.locator('article.post h1.post-title')).toHaveText(/^Не просто работа/);
    } finally {
      await context.setOffline(false);
      await server.stop();
    }
  });
  test('the app makes the blog installable; the home page asks for nothing before its text, an article only for the shared stylesheet', async ({ page, request }) => {
    const server = await deploy(SITE_A);
    try {
      // The page's HTML names no other file to fetch before its text paints:
      // the stylesheet and the tab icon are inline, and the web manifest
      // comes with the app.
      const html = await (await request.get(at())).text();
      expect(html).toMatch(/<style/);
      expect(html).not.toMatch(/rel="?stylesheet/);
      // A page of which there is one per post links the stylesheet instead: one
      // file every such page shares, rather than a copy in each.
      const article = await (await request.get(at(`${postsOf(SITE_A)[0].path}/`))).text();
      expect(article).not.toMatch(/<style/);
      const link = article.match(/<link href="([^"]+\.css)"[^>]* rel="stylesheet">/);
      expect(link, 'the stylesheet link').not.toBeNull();
      expect((await request.get(new URL(link[1], at()).href)).headers()['content-type']).toContain('text/css');
      expect(html).not.toMatch(/rel="?manifest/);
      expect(html).toMatch(/<link [^>]*href="data:image\/svg\+xml,%3Csvg /);
      expect(html).not.toMatch(/href="?favicon\.svg/);
      await page.goto(at());
      await expect(page.locator('#prerender')).toHaveCount(0);
      const icon = await page.evaluate(async () => {
        const img = new Image();
        img.src = document.querySelector('link[rel=icon]').href;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      });
      expect(icon[0]).toBeGreaterThan(0);

      await expect(page.locator('link[rel=manifest]')).toHaveCount(1);
      const href = await page.evaluate(() => document.querySelector('link[rel=manifest]').href);
      expect(href).toBe(at('manifest.webmanifest'));
      const manifest = await (await request.get(href)).json();
      expect(manifest.name).toBe(manifestOf(SITE_A).site.title);
      expect(manifest.display).toBe('standalone');
      expect(manifest.icons.length).toBeGreaterThan(0);
      for (const i of manifest.icons) {
        const res = await request.get(new URL(i.src, href).href);
        expect(res.status(), i.src).toBe(200);
        expect(res.headers()['content-type']).toBe(i.type);
      }
    } finally {
      await server.stop();
    }
  });
});
