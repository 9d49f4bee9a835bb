// @ts-check
// Navigation between posts: previous/next, tags, archive, related posts.
const fs = require('node:fs');
const path = require('node:path');
const { test, expect, siteUrl, appReady } = require('./fixtures');
const { postsOf } = require('./deploy');

const DIST = path.resolve(process.env.E2E_DIST || path.join(__dirname, '..', '..', 'dist'));
const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'data', 'manifest.json'), 'utf8'));
const posts = postsOf(DIST);
const pathOf = (href) => new URL(href).pathname;

test('previous/next walk every post in date order, both ways, without reloads', async ({ page, baseURL }) => {
  await page.goto(siteUrl(baseURL, `${posts[0].path}/`));
  // Until the app takes over, the pre-rendered links load pages the ordinary way.
  await appReady(page);
  await page.evaluate(() => {
    /** @type {any} */ (window).__e2eMarker = 1;
  });
  await expect(page.locator('nav.post-nav a[rel="next"]')).toHaveCount(0);
  for (const post of posts.slice(1)) {
    await page.locator('nav.post-nav a[rel="prev"]').click();
    await expect(page).toHaveURL(siteUrl(baseURL, `${post.path}/`));
    await expect(page).toHaveTitle(new RegExp(`^${post.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // One description, the post's own, for sharing and bookmarks.
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', post.description);
    await expect(page.locator('meta[name="description"]')).toHaveCount(1);
  }
  await expect(page.locator('nav.post-nav a[rel="prev"]')).toHaveCount(0);
  for (const post of posts.slice(0, -1).reverse()) {
    await page.locator('nav.post-nav a[rel="next"]').click();
    await expect(page).toHaveURL(siteUrl(baseURL, `${post.path}/`));
  }
  expect(await page.evaluate(() => /** @type {any} */ (window).__e2eMarker)).toBe(1);
});

test('a tag page reached from an article lists that article, and the tag index counts it', async ({ page, baseURL }) => {
  for (const post of posts.filter((p) => p.tags && p.tags.length)) {
    await page.goto(siteUrl(baseURL, `${post.path}/`));
    await appReady(page);
    const tag = post.tags[post.tags.length - 1];
    await page.locator('ul.post-tags a', { hasText: tag.name }).first().click();
    await expect(page).toHaveURL(siteUrl(baseURL, `tags/${tag.slug}/`));
    await expect(page.locator('h1.page-title')).toHaveText(`Тег «${tag.name}»`);
    const links = await page.locator('ol.post-list article.post-card h2 a').evaluateAll((as) => as.map((a) => /** @type {HTMLAnchorElement} */ (a).href));
    expect(links.map(pathOf)).toContain(pathOf(siteUrl(baseURL, `${post.path}/`)));
  }
  await page.goto(siteUrl(baseURL, 'tags/'));
  await appReady(page);
  await expect(page.locator('ul.tag-cloud li').first()).toBeVisible();
  const expected = new Set(posts.flatMap((p) => (p.tags || []).map((t) => t.slug)));
  await expect(page.locator('ul.tag-cloud li')).toHaveCount(expected.size);
});

test('the archive lists every post exactly once, under Russian month names', async ({ page, baseURL }) => {
  await page.goto(siteUrl(baseURL));
  await appReady(page);
  await page.locator('nav.site-nav a', { hasText: 'Архив' }).click();
  await expect(page).toHaveURL(siteUrl(baseURL, 'archive/'));
  await expect(page.locator('h1.page-title')).toHaveText('Архив');
  const links = await page.locator('.archive-posts a').evaluateAll((as) => as.map((a) => /** @type {HTMLAnchorElement} */ (a).href));
  expect(links.map(pathOf).sort()).toEqual(posts.map((p) => pathOf(siteUrl(baseURL, `${p.path}/`))).sort());
  await expect(page.locator('.archive h3').first()).toHaveText('Июль 2025');
});

test('every article shows related posts, each with a reason, and their links open', async ({ page, baseURL }) => {
  for (const post of posts) {
    await page.goto(siteUrl(baseURL, `${post.path}/`));
    await appReady(page);
    const items = page.locator('section.related li');
    await expect(items.first()).toBeVisible();
    const count = await items.count();
    expect(count, post.path).toBeGreaterThanOrEqual(Math.min(4, posts.length - 1));
    const hrefs = await items.locator('a').evaluateAll((as) => as.map((a) => /** @type {HTMLAnchorElement} */ (a).href));
    expect(hrefs.map(pathOf), 'never itself').not.toContain(pathOf(siteUrl(baseURL, `${post.path}/`)));
    await expect(items.locator('.related-why').first()).not.toBeEmpty();
    await items.locator('a').first().click();
    await expect(page).toHaveURL(hrefs[0]);
    await expect(page.locator('article.post h1.post-title')).toBeVisible();
  }
});

test('links open inside the app at the top of their page; Back and Forward return; the browser keeps what is not the app\'s', async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto(siteUrl(baseURL));
  await appReady(page);
  await page.evaluate(() => {
    /** @type {any} */ (window).__e2eMarker = 1;
  });
  const marker = () => page.evaluate(() => /** @type {any} */ (window).__e2eMarker);
  const first = page.locator('main h2.post-card-title a').first();
  const title = (await first.textContent())?.trim() || '';
  const postUrl = await first.evaluate((a) => /** @type {HTMLAnchorElement} */ (a).href);

  // A link followed from far down the page shows its page from the top.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  await first.click();
  await expect(page).toHaveURL(postUrl);
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(page).toHaveTitle(new RegExp(`^${escaped}`));
  const headline = page.locator('article.post h1.post-title');
  await expect(headline).toBeVisible();
  const shown = await headline.textContent();
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);

  // Back and Forward show each view again, in the same page.
  await page.goBack();
  await expect(page).toHaveURL(siteUrl(baseURL));
  await expect(page.locator('main h2.post-card-title a').first()).toHaveText(title);
  await page.goForward();
  await expect(page).toHaveURL(postUrl);
  await expect(headline).toHaveText(shown || '');
  expect(await marker()).toBe(1);

  // A click with a modifier is the browser's: here, a new tab.
  const home = page.locator('header.site-header a.site-title');
  const [tab] = await Promise.all([context.waitForEvent('page'), home.click({ modifiers: ['Control'] })]);
  await tab.close();
  await expect(page).toHaveURL(postUrl);
  expect(await marker()).toBe(1);

  // The site's own files (rel="external", as the views mark them) are left
  // to the browser: the app does not take the click (a listener added after
  // the app's sees it and stops the load, to keep the test on this page).
  const clickTaken = await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.rel = 'external';
    document.querySelector('main')?.append(a);
    let taken = null;
    window.addEventListener('click', (e) => {
      taken = e.defaultPrevented;
      e.preventDefault();
    }, { once: true });
    a.click();
    return taken;
  }, siteUrl(baseURL, 'data/manifest.json'));
  expect(clickTaken).toBe(false);
  // Without the mark, a link inside the site is the app's.
  const inApp = await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    document.querySelector('main')?.append(a);
    let taken = null;
    window.addEventListener('click', (e) => {
      taken = e.defaultPrevented;
    }, { once: true });
    a.click();
    return taken;
  }, siteUrl(baseURL, 'archive/'));
  expect(inApp).toBe(true);
  await expect(page).toHaveURL(siteUrl(baseURL, 'archive/'));
  expect(await marker()).toBe(1);
});
