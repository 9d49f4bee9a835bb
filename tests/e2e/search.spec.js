// @ts-check
// Full-text search from the header box, on the seed posts.
const { test, expect, siteUrl, appReady } = require('./fixtures');

const results = (page) => page.locator('ol.search-results > li');

async function search(page, text) {
  const box = page.locator('#site-search-input');
  await box.fill(text);
  await expect.poll(() => {
    const url = new URL(page.url());
    return url.pathname.endsWith('/search/') ? url.searchParams.get('q') : null;
  }).toBe(text);
  // Results of this query, not of the previous one.
  if (/[\p{L}\p{N}]{2}/u.test(text)) {
    await expect(page.locator('.search-results, .search-none').first()).toHaveAttribute('data-query', text);
  }
}

test.describe('search', () => {
  test('Russian word forms find each other and a result opens its post', async ({ page, baseURL }) => {
    await page.goto(siteUrl(baseURL));
    await appReady(page);
    const counts = [];
    for (const form of ['клиент', 'клиенты', 'клиентов', 'клиентам']) {
      await search(page, `${form} `);
      await expect(results(page).first()).toBeVisible();
      counts.push(await results(page).count());
      // The matched words are highlighted in the snippets.
      await expect(page.locator('ol.search-results mark').first()).toBeVisible();
    }
    expect(new Set(counts).size, `same posts for every form: ${counts}`).toBe(1);
    const first = results(page).first().locator('a.search-result-title');
    const href = await first.evaluate((a) => /** @type {HTMLAnchorElement} */ (a).href);
    await first.click();
    await expect(page).toHaveURL(href);
    await expect(page.locator('article.post h1.post-title')).toBeVisible();
  });

  test('the last word matches as a prefix while typing, and the query lives in the URL', async ({ page, baseURL }) => {
    await page.goto(siteUrl(baseURL, 'search/?q=' + encodeURIComponent('консье')));
    await expect(results(page).first()).toBeVisible();
    await expect(page.locator('ol.search-results mark').first()).toHaveText(/^консьерж/i);
    await expect(page.locator('#site-search-input')).toHaveValue('консье');
    await expect(page).toHaveTitle(/^консье — Поиск/);
  });

  test('typing on the results page keeps one history entry, and Back from a result returns to the last query', async ({ page, baseURL }) => {
    await page.goto(siteUrl(baseURL));
    await appReady(page);
    const box = page.locator('#site-search-input');
    const shown = page.locator('.search-results, .search-none').first();
    await box.click();
    // The first letter opens the results page (a new entry); the others replace it.
    await page.keyboard.type('серв', { delay: 30 });
    await expect(shown).toHaveAttribute('data-query', 'серв');
    const entries = await page.evaluate(() => history.length);
    await page.keyboard.type('ис', { delay: 30 });
    await expect(shown).toHaveAttribute('data-query', 'сервис');
    expect(new URL(page.url()).searchParams.get('q')).toBe('сервис');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await expect(page).toHaveTitle(/^сервис — Поиск/);
    await results(page).first().locator('a.search-result-title').click();
    await expect(page.locator('article.post h1.post-title')).toBeVisible();
    await page.goBack();
    await expect(shown).toHaveAttribute('data-query', 'сервис');
    await expect(box).toHaveValue('сервис');
    await page.goBack();
    await expect(page.locator('ol.post-list > li').first()).toBeVisible();
  });

  test('a title match ranks above body mentions', async ({ page, baseURL }) => {
    // "Рутина консьержа: …" is the only post with "рутина" in its title.
    await page.goto(siteUrl(baseURL, 'search/?q=' + encodeURIComponent('рутина ')));
    await expect(results(page).first().locator('a.search-result-title')).toHaveText(/^Рутина консьержа/);
  });

  test('nonsense finds nothing, and hostile queries do no harm', async ({ page, baseURL }) => {
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await page.goto(siteUrl(baseURL));
    await appReady(page);
    await search(page, 'zzqxjw ');
    await expect(page.locator('.search-none')).toContainText('ничего не найдено');
    await expect(results(page)).toHaveCount(0);
    for (const q of ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', '*** ??? ---', "'; DROP TABLE posts; --"]) {
      await search(page, q);
      await expect(page.locator('section.search-page')).toBeVisible();
    }
    expect(await page.locator('main img[onerror], main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('on a larger blog twenty results show: the first five with snippets, the rest as they are read', async ({ page }) => {
    // build/many-site: 60 generated posts, 56 of them about clients.
    const base = process.env.E2E_MANY_URL;
    await page.goto(base);
    await appReady(page);
    await search(page, 'клиент ');
    await expect(results(page)).toHaveCount(20);
    const total = Number((await page.locator('.search-summary').textContent()).match(/\d+/)[0]);
    expect(total).toBeGreaterThan(20);
    for (let i = 0; i < 5; i++) {
      await expect(results(page).nth(i).locator('mark').first()).toHaveText(/^клиент/i);
    }
    // The others show their description, each a link to its own post.
    await expect(results(page).nth(12).locator('mark')).toHaveCount(0);
    await expect(results(page).nth(12).locator('.search-snippet')).not.toBeEmpty();
    const hrefs = await results(page).locator('a.search-result-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(20);
    const last = results(page).nth(19).locator('a.search-result-title');
    const title = (await last.textContent()).trim();
    await last.click();
    await expect(page.locator('article.post h1.post-title')).toHaveText(title);
    // A new query replaces all twenty, the later ones included.
    await search(page, 'комфорт ');
    await expect(results(page)).toHaveCount(20);
    await expect(results(page).first().locator('mark').first()).toHaveText(/^комфорт/i);
  });

  test.describe('with the posts held back', () => {
    // A service worker answering from its cache would bypass the route.
    test.use({ serviceWorkers: 'block' });

    test('results show before their posts are read, and the snippets follow', async ({ page }) => {
      const base = process.env.E2E_MANY_URL;
      await page.goto(base);
      await appReady(page);
      // The posts' pages (snippets are cut from them) are held back until released.
      /** @type {import('@playwright/test').Route[]} */
      const held = [];
      let holding = true;
      await page.route(/\/blog\/[^/?#]+\/(index\.html)?(\?.*)?$/, (route) => {
        if (holding) held.push(route);
        else route.continue();
      });
      await search(page, 'клиент ');
      await expect(results(page).first()).toBeVisible();
      await expect.poll(() => held.length).toBeGreaterThan(0);
      // Listed with their descriptions while their posts are on the way.
      await expect(results(page).first().locator('.search-snippet')).not.toBeEmpty();
      await expect(page.locator('ol.search-results mark')).toHaveCount(0);
      holding = false;
      for (const route of held.splice(0)) await route.continue();
      for (let i = 0; i < 5; i++) {
        await expect(results(page).nth(i).locator('mark').first()).toHaveText(/^клиент/i);
      }
      // Typed again, the query's posts are already read: its results come
      // with their snippets, not with descriptions first.
      await search(page, 'комфорт ');
      await search(page, 'клиент ');
      expect(await results(page).first().locator('mark').count()).toBeGreaterThan(0);
    });
  });

  test('"/" focuses the search box from anywhere but a field', async ({ page, baseURL }) => {
    await page.goto(siteUrl(baseURL, 'blog/rutina-konserzha/'));
    await appReady(page);
    // The box is made ready to search (the shard keys read) once it is focused.
    await expect(page.locator('#site-search-input')).not.toHaveAttribute('data-ready');
    await page.keyboard.press('/');
    await expect(page.locator('#site-search-input')).toBeFocused();
    await expect(page.locator('#site-search-input')).toHaveValue('');
    await expect(page.locator('#site-search-input')).toHaveAttribute('data-ready', '');
    await page.keyboard.type('сервис');
    await expect(page).toHaveURL(/\/search\/\?q=/);
    await expect(results(page).first()).toBeVisible();
    await expect(page.locator('#site-search-input')).toBeFocused();
  });
});
