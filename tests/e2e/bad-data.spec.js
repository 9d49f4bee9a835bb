// @ts-check
// A route's data failing in ways networks and deployments fail: the reader
// says what happened and offers a way out, never a blank page or a mix of builds.
const { test, expect, siteUrl, appReady } = require('./fixtures');

const SLUG = 'servisnyy-podhod';
const HEADLINE = /^Сервисный подход: как мы в ButlerSPB/;
// The post's page, as the browser opens it and as the app fetches it for its data.
const isPostPage = (url) => new RegExp(`/blog/${SLUG}/(index\\.html)?$`).test(new URL(url).pathname);
const isManifest = (url) => new URL(url).pathname.endsWith('/data/manifest.json');
const DATA = /(<script type="application\/json" id="blog-data" data-route="[^"]*">)([^]*?)(<\/script>)/;

/** Answers with the real page, its data made into `change(json)`. */
async function withData(route, change) {
  const response = await route.fetch();
  const html = await response.text();
  await route.fulfill({ response, body: html.replace(DATA, (_, open, json, close) => open + change(json) + close) });
}

/** Opens the post from the home page, in the app: its page is fetched for its data. */
async function openFromHome(page, baseURL) {
  await page.goto(siteUrl(baseURL));
  await appReady(page);
  await page.locator(`article.post-card h2 a[href$="/blog/${SLUG}/"]`).click();
}

test.describe('damaged or foreign data', () => {
  // These fake the network; a service worker answering from its cache would
  // bypass the fakes (offline.spec.js covers the worker).
  test.use({ serviceWorkers: 'block' });

  test('a post with corrupt data gives a clear message and retry recovers', async ({ page, baseURL }) => {
    await page.route(isPostPage, (route) => withData(route, () => '{"build_id": "x", "body": ['));
    await page.goto(siteUrl(baseURL, `blog/${SLUG}/`));
    const alert = page.locator('div.load-error[role="alert"]');
    await expect(alert).toContainText('повреждены');
    await expect(page.locator('#prerender')).toHaveCount(0);
    await page.unroute(isPostPage);
    await alert.locator('button.retry').click();
    await expect(page.locator('article.post h1.post-title')).toHaveText(HEADLINE);
    await expect(alert).toHaveCount(0);
  });

  test('a post with data of another build is refused, and the reader offers a reload', async ({ page, baseURL }) => {
    await page.route(isPostPage, (route) =>
      withData(route, (json) => json.replace(/"build_id":"[0-9a-f]+"/, '"build_id":"ffffffffffffffff"')),
    );
    await page.goto(siteUrl(baseURL, `blog/${SLUG}/`));
    const alert = page.locator('div.load-error[role="alert"]');
    await expect(alert).toContainText('обновился');
    // Nothing of the foreign data is on screen.
    await expect(page.locator('article.post')).toHaveCount(0);
    await page.unroute(isPostPage);
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

  test('a manifest missing for a moment (a host mid-deploy) is asked for once more, and the page stays', async ({ page, baseURL, consoleGuard }) => {
    consoleGuard.allow(/status of 404/);
    let calls = 0;
    await page.route(isManifest, (route) => (++calls === 1 ? route.fulfill({ status: 404, body: 'Not Found' }) : route.continue()));
    await page.goto(siteUrl(baseURL));
    await appReady(page);
    await expect.poll(() => calls, { message: 'the manifest was asked for again' }).toBe(2);
    await expect(page.locator('ol.post-list > li > article.post-card').first()).toBeVisible();
    await expect(page.locator('div.load-error')).toHaveCount(0);
  });

  test('a manifest that stays missing is a broken deployment, reported with its status', async ({ page, baseURL, consoleGuard }) => {
    consoleGuard.allow(/status of 404/);
    let calls = 0;
    await page.route(isManifest, (route) => {
      calls += 1;
      return route.fulfill({ status: 404, body: 'Not Found' });
    });
    await page.goto(siteUrl(baseURL));
    await expect(page.locator('div.load-error[role="alert"]')).toContainText('404');
    expect(calls, 'asked for twice, not more').toBe(2);
    await expect(page.locator('article.post-card')).toHaveCount(0);
  });

  test('a server error is reported with its status', async ({ page, baseURL, consoleGuard }) => {
    consoleGuard.allow(/status of 503/);
    await page.route(isPostPage, (route) => route.fulfill({ status: 503, body: 'busy' }));
    await openFromHome(page, baseURL);
    await expect(page.locator('div.load-error[role="alert"]')).toContainText('503');
  });

  test('a post\'s data that never arrives times out with a message and a retry', async ({ page, baseURL, consoleGuard }) => {
    test.setTimeout(60_000);
    consoleGuard.allow(/ERR_FAILED|aborted/i);
    let hold = true;
    await page.route(isPostPage, async (route) => {
      if (hold) return; // never answered: the reader's own deadline (15 s) must fire
      await route.continue();
    });
    await openFromHome(page, baseURL);
    const alert = page.locator('div.load-error[role="alert"]');
    await expect(alert).toContainText('слишком долго', { timeout: 25_000 });
    hold = false;
    await alert.locator('button.retry').click();
    await expect(page.locator('article.post h1.post-title')).toHaveText(HEADLINE);
  });
});
