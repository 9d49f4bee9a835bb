// @ts-check
// With JavaScript off, every route a reader can land on answers 200 with its
// own title, description, canonical URL and readable text, from its entry page.
const fs = require('node:fs');
const path = require('node:path');
const { test, expect, siteUrl } = require('./fixtures');
const { postsOf } = require('./deploy');

const DIST = path.resolve(process.env.E2E_DIST || path.join(__dirname, '..', '..', 'dist'));
const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'data', 'manifest.json'), 'utf8'));
const posts = postsOf(DIST);

test.use({ javaScriptEnabled: false });

test('every post is readable without JavaScript, with its metadata', async ({ page, baseURL }) => {
  expect(posts.length).toBeGreaterThan(0);
  for (const post of posts) {
    const res = await page.goto(siteUrl(baseURL, `${post.path}/`));
    expect(res?.status(), post.path).toBe(200);
    await expect(page).toHaveTitle(`${post.title} — ${manifest.site.title}`);
    const article = page.locator('#prerender article.post');
    await expect(article.locator('h1')).toBeVisible();
    // Real text, not a shell: the body's paragraphs are there.
    const words = (await article.locator('.post-body').innerText()).split(/\s+/).length;
    expect(words, `words of ${post.path}`).toBeGreaterThan(post.word_count * 0.8);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', post.description);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${manifest.site.base_url}${post.path}/`);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /.+/);
    const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(ld.length).toBe(1);
    const data = JSON.parse(ld[0]);
    expect(data['@context']).toBe('https://schema.org');
  }
});

test('list, tag and archive pages and the 404 page work without JavaScript', async ({ page, baseURL, consoleGuard }) => {
  consoleGuard.allow(/status of 404/);
  const home = await page.goto(siteUrl(baseURL));
  expect(home?.status()).toBe(200);
  await expect(page.locator('#prerender a[href*="blog/"]')).toHaveCount(Math.min(posts.length, manifest.site.posts_per_page));
  for (const [route, links] of [['tags/', 'tags/'], ['archive/', 'blog/']]) {
    const res = await page.goto(siteUrl(baseURL, route));
    expect(res?.status(), route).toBe(200);
    await expect(page.locator(`#prerender a[href*="${links}"]`).first(), route).toBeVisible();
  }
  const missing = await page.goto(siteUrl(baseURL, 'no/such/page/'));
  expect(missing?.status()).toBe(404);
  await expect(page).toHaveTitle(/^Страница не найдена/);
});
