// @ts-check
// The reading experience: themes, reading position, focus, localisation, accessibility.
const { default: AxeBuilder } = require('@axe-core/playwright');
const { test, expect, siteUrl, appReady } = require('./fixtures');

const LONG = 'servisnyy-podhod';

// The visible switch: the entry page's (public/theme.js) or, once it has taken over, the app's.
test('the theme toggle switches themes and is remembered across visits', async ({ page, baseURL }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(siteUrl(baseURL));
  await expect(page.locator('ol.post-list article.post-card').first()).toBeVisible();
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.locator('button.theme-toggle:visible').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).not.toBe(light);
  await page.reload();
  // Applied before the app runs (public/theme.js), so there is no flash.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('button.theme-toggle:visible').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await bg()).toBe(light);
});

test('the reading position is remembered and offered back; the list shows what was read', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 700 });
  await page.goto(siteUrl(baseURL, `blog/${LONG}/`));
  await appReady(page);
  await page.evaluate(() => {
    const a = /** @type {HTMLElement} */ (document.querySelector('article.post'));
    window.scrollTo(0, a.offsetTop + (a.offsetHeight - window.innerHeight) * 0.5);
  });
  await expect.poll(() => page.evaluate((s) => Number(localStorage.getItem(`read:blog/${s}`)), LONG)).toBeGreaterThan(0.4);
  const bar = await page.locator('.reading-progress-bar').evaluate((el) => getComputedStyle(el).transform);
  expect(bar).not.toBe('none');

  await page.locator('header.site-header a.site-title').click();
  const card = page.locator('article.post-card', { has: page.locator(`a[href$="/blog/${LONG}/"]`) });
  await expect(card.locator('.read-mark')).toHaveText(/Прочитано \d+%/);

  await page.goto(siteUrl(baseURL, `blog/${LONG}/`));
  await appReady(page);
  const resume = page.locator('button.continue-button');
  await expect(resume).toHaveText(/Продолжить чтение \(\d+%\)/);
  await resume.click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  await expect(resume).toHaveCount(0);
});

test('after in-app navigation, focus moves to the new page heading', async ({ page, baseURL }) => {
  await page.goto(siteUrl(baseURL));
  await appReady(page);
  await page.locator('ol.post-list article.post-card h2 a').first().click();
  await expect(page.locator('article.post h1.post-title')).toBeFocused();
  await page.locator('nav.site-nav a', { hasText: 'Архив' }).click();
  await expect(page.locator('main h1')).toBeFocused();
  // The skip link is the first stop for the keyboard, and leads to this page's content.
  const article = siteUrl(baseURL, 'blog/rutina-konserzha/');
  await page.goto(article);
  await appReady(page);
  await page.keyboard.press('Tab');
  await expect(page.locator('a.skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${article}#main`);
  await expect(page.locator('article.post h1.post-title')).toBeVisible();
});

// The app and the pre-rendered entry pages write dates by one function
// (blog_bundle::lang): a reader must not see one change into the other.
const LOCALES = [
  { lang: 'ru', site: null, date: /^\d{1,2} [а-я]+ \d{4}$/, archive: 'Архив', readingTime: /^\d+ минут[аы]? чтения$/ },
  { lang: 'en', site: process.env.E2E_EN_URL, date: /^\d{1,2} [A-Z][a-z]+ \d{4}$/, archive: 'Archive', readingTime: /^\d+ min read$/ },
];
for (const l of LOCALES) {
  test(`${l.lang} site: UI words, and the app's dates match the pre-rendered ones`, async ({ browser, page, baseURL }) => {
    const home = l.site || siteUrl(baseURL);
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    for (const rel of ['', 'archive/']) {
      await plain.goto(new URL(rel, home).href);
      const before = await plain.locator('#prerender time').allInnerTexts();
      expect(before.length, `dates on /${rel} without JavaScript`).toBeGreaterThan(0);
      await page.goto(new URL(rel, home).href);
      await appReady(page);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      const after = await page.locator('main time').allInnerTexts();
      expect(after, `dates on /${rel}, app vs pre-rendered`).toEqual(before);
      for (const text of after) expect(text).toMatch(l.date);
    }
    await noJs.close();
    await page.goto(home);
    await appReady(page);
    await expect(page.locator('nav.site-nav a', { hasText: l.archive })).toBeVisible();
    for (const text of await page.locator('.reading-time').allInnerTexts()) expect(text).toMatch(l.readingTime);
  });
}

for (const theme of ['light', 'dark']) {
  test(`no accessibility violations in the ${theme} theme`, async ({ page, baseURL, consoleGuard }) => {
    test.setTimeout(60_000);
    consoleGuard.allow(/status of 404/);
    await page.emulateMedia({ colorScheme: /** @type {'light'|'dark'} */ (theme) });
    const pages = [
      ['', 'ol.post-list'],
      [`blog/${LONG}/`, 'article.post'],
      ['tags/', 'ul.tag-cloud'],
      ['tags/butlerspb/', 'ol.post-list'],
      ['archive/', '.archive'],
      ['search/?q=' + encodeURIComponent('клиент'), 'ol.search-results'],
      ['no/such/page/', 'section.not-found'],
    ];
    const found = [];
    for (const [route, ready] of pages) {
      await page.goto(siteUrl(baseURL, route));
      // The app's page, not the pre-rendered copy it replaces.
      await appReady(page);
      await expect(page.locator(ready).first()).toBeVisible();
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      for (const v of result.violations) {
        found.push(`/${route}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
    expect(found).toEqual([]);
  });
}
