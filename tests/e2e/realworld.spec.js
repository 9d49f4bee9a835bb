// @ts-check
// Real blogs built as they are (tests/fixtures/realworld, `make fixture-sites`):
// a Jekyll site and a Zola site keep their URLs, dates and titles, and a link
// written the old site's way (`{% post_url %}`, Zola's `@/…/index.md`) leads
// to its post, in the app and in the page without JavaScript.
const { test, expect, appReady } = require('./fixtures');

const JEKYLL = process.env.E2E_JEKYLL_URL || '';
const ZOLA = process.env.E2E_ZOLA_URL || '';
const at = (site, path) => new URL(path, site).href;


test('a Jekyll site: its permalinks, dates and a {% post_url %} link', async ({ page }) => {
  await page.goto(JEKYLL);
  await appReady(page);
  const cards = page.locator('article.post-card h2 a');
  await expect(cards).toHaveText(['Jekyll turns 2.0.0', 'Jekyll 1.0.0 Released']);
  await cards.first().click();
  await expect(page).toHaveURL(at(JEKYLL, 'news/2014/05/06/jekyll-turns-2-0-0/'));
  // No date in its front matter: the file name's.
  await expect(page.locator('article.post time').first()).toHaveText('6 May 2014');
  // `[jekyll-1]: {% post_url 2013-05-06-jekyll-1-0-0-released %}`
  await page.getByRole('link', { name: 'we released Jekyll 1.0.0' }).click();
  await expect(page).toHaveURL(at(JEKYLL, 'news/2013/05/06/jekyll-1-0-0-released/'));
  await expect(page.locator('article.post h1')).toHaveText('Jekyll 1.0.0 Released');
  // `date: "2013-05-06 02:12:52 +0200"` is 6 May in UTC too.
  await expect(page.locator('article.post time').first()).toHaveText('6 May 2013');
});

test('a Zola site: its paths, sections and an @/ link, with and without JavaScript', async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const res = await page.goto(at(ZOLA, 'inside-rust/2026/04/14/infrastructure-team-q1-recap-and-q2-plan/'));
    expect(res?.status()).toBe(200);
    if (javaScriptEnabled) await appReady(page);
    await expect(page.locator('h1').first()).toHaveText('Infrastructure Team 2026 Q1 Recap and Q2 Plan');
    // `[here](@/inside-rust/infrastructure-team-2025-q4-recap-and-q1-2026-plan/index.md)`
    await page.getByRole('link', { name: 'here', exact: true }).click();
    await expect(page).toHaveURL(at(ZOLA, 'inside-rust/2026/01/13/infrastructure-team-q4-2025-recap-and-q1-2026-plan/'));
    await expect(page.locator('h1').first()).toHaveText('Infrastructure Team 2025 Q4 Recap and Q1 2026 Plan');
    await context.close();
  }
});
