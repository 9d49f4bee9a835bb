// @ts-check
// Shards that fail in ways networks and deployments fail: the reader says
// what happened and offers a way out, never a blank page or a mix of builds.
const { test, expect, siteUrl } = require('./fixtures');

const SLUG = 'servisnyy-podhod';
const HEADLINE = /^Сервисный подход: как мы в ButlerSPB/;
const isPostShard = (url) => new RegExp(`/data/[^/]+/posts/blog/${SLUG}\\.json$`).test(new URL(url).pathname);
const isManifest = (url) => new URL(url).pathname.endsWith('/data/manifest.json');

test.describe('damaged or foreign data', () => {
  // These fake the network; a service worker answering from its cache would
  // bypass the fakes (offline.spec.js covers the worker).
  test.use({ serviceWorkers: 'block' });

  test('a corrupt post shard gives a clear message and retry recovers', async ({ page, baseURL }) => {
    await page.route(isPostShard, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"build_id": "x", "body": [' }));
    await page.goto(siteUrl(baseURL, `blog/${SLUG}/`));
    const alert = page.locator('div.load-error[role="alert"]');
    await expect(alert).toContainText('повреждены');
    await expect(page.locator('#prerender')).toHaveCount(0);
    await page.unroute(isPostShard);
    await alert.locator('button.retry').click();
    await expect(page.locator('article.post h1.post-title')).toHaveText(HEADLINE);
    await expect(alert).toHaveCount(0);
  });

  test('a shard from another build is refused, and the reader offers a reload', async ({ page, baseURL }) => {
    await page.route(isPostShard, async (route) => {
      const response = await route.fetch();
      const post = await response.json();
      post.build_id = 'ffffffffffffffff';
      await route.fulfill({ response, json: post });
    });
    await page.goto(siteUrl(baseURL, `blog/${SLUG}/`));
    const alert = page.locator('div.load-error[role="alert"]');
    await expect(alert).toContainText('обновился');
    // Nothing of the foreign shard is on screen.
    await expect(page.locator('article.post')).toHaveCount(0);
    await page.unroute(isPostShard);
    await Promise.all([page.waitForEvent('load'), alert.locator('button.retry').click()]);
    await expect(page.locator('article.post h1.post-title')).toHaveText(HEADLINE);
  });

  test('a manifest of an unknown schema version is not half-read', async ({ page, baseURL }) => {
    await page.route(isManifest, async (route) => {
      const response = await route.fetch();
      const manifest = await response.json();
      manifest.schema_version = 999;
      await route.fulfill({ response, json: manifest });
    });
    await page.goto(siteUrl(baseURL));
    await expect(page.locator('div.load-error[role="alert"]')).toContainText('неизвестный формат');
    await expect(page.locator('article.post-card')).toHaveCount(0);
  });

  test('a server error is reported with its status', async ({ page, baseURL, consoleGuard }) => {
    consoleGuard.allow(/status of 503/);
    await page.route(isPostShard, (route) => route.fulfill({ status: 503, body: 'busy' }));
    await page.goto(siteUrl(baseURL, `blog/${SLUG}/`));
    await expect(page.locator('div.load-error[role="alert"]')).toContainText('503');
  });

  test('a shard that never arrives times out with a message and a retry', async ({ page, baseURL, consoleGuard }) => {
    test.setTimeout(60_000);
    consoleGuard.allow(/ERR_FAILED|aborted/i);
    let hold = true;
    await page.route(isPostShard, async (route) => {
      if (hold) return; // never answered: the reader's own deadline (15 s) must fire
      await route.continue();
    });
    await page.goto(siteUrl(baseURL, `blog/${SLUG}/`));
    const alert = page.locator('div.load-error[role="alert"]');
    await expect(alert).toContainText('слишком долго', { timeout: 25_000 });
    hold = false;
    await alert.locator('button.retry').click();
    await expect(page.locator('article.post h1.post-title')).toHaveText(HEADLINE);
  });
});
