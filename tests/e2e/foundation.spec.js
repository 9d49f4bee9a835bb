// @ts-check
// The reader's foundation, against the built dist/: home list, in-app
// navigation to an article, deep links, not-found, bundle fetching, the
// load-error alert with retry. Every URL is built from baseURL, so the suite
// also runs against a build for a sub-path (PUBLIC_URL=/blog/).
const { test, expect, siteUrl, recordDataRequests, appReady } = require('./fixtures');

const SITE = 'Блог ButlerSPB';
const AUTHOR = 'Эксперт ButlerSPB';
const NOT_FOUND = 'Страница не найдена';
// "9 минут чтения", "1 минута чтения", "3 минуты чтения"
const READING_TIME = /\d+\s+минут[аы]?\s+чтения/;

// The seed posts in content/, newest first.
const POSTS = [
  {
    slug: 'kachestvo-obsluzhivaniya',
    date: '2025-07-25',
    dateText: '25 июля 2025',
    title: 'Качество обслуживания: ключ к успеху ButlerSPB',
    headline: 'Качество обслуживания: что это такое и почему оно решает всё (особенно в премиум-сегменте)',
    firstH2: 'Почему высокий сервис — это не роскошь, а новая норма для успешных людей?',
    keyword: 'клиентский сервис',
  },
  {
    slug: 'otnosheniya-s',
    date: '2025-07-25',
    dateText: '25 июля 2025',
    title: 'Отношения с клиентами: ключ к успеху ButlerSPB',
    headline:
      'Искусство отношений: Как применить подход элитного консьержа, чтобы наладить связи с партнером, коллегами и даже с самим собой',
  },
  {
    slug: 'servisnyy-podhod',
    date: '2025-07-25',
    dateText: '25 июля 2025',
    title: 'Сервисный подход: философия успеха ButlerSPB',
    headline:
      'Сервисный подход: как мы в ButlerSPB научились предвосхищать желания, а не просто выполнять задачи',
  },
  {
    slug: 'vpechatleniya-klientov',
    date: '2025-07-25',
    dateText: '25 июля 2025',
    title: 'Что говорят клиенты о сервисе ButlerSPB?',
    headline:
      'Искусство впечатлений: Как мы в ButlerSPB создаем сервис, о котором не просто говорят, а который чувствуют',
  },
  {
    slug: 'rutina-konserzha',
    date: '2025-07-24',
    dateText: '24 июля 2025',
    title: 'Рутина консьержа: один день из жизни ButlerSPB',
    headline: 'Не просто работа, а искусство: Один день из жизни консьержа ButlerSPB',
    firstH2: 'Утро: Стратегическое планирование и проактивность (8:00 – 11:00)',
  },
];

const postPath = (slug) => `blog/${slug}/`;
const isManifest = (url) => new URL(url).pathname.endsWith('/data/manifest.json');

/** Every TOC link points at an h2/h3 with that id inside div.post-body. */
async function expectTocTargetsExist(page) {
  // TOC links carry the page's own path before the '#': a bare '#id' would
  // resolve against <base href> (the site root) instead of the article.
  const toc = page.locator('nav.toc a[href*="#"]');
  await expect(toc.first()).toBeVisible();
  const links = await toc.evaluateAll((as) =>
    as.map((a) => {
      const url = new URL(/** @type {HTMLAnchorElement} */ (a).href);
      return { href: url.href, path: url.pathname, hash: url.hash };
    }),
  );
  expect(links.length).toBeGreaterThanOrEqual(3);
  const here = new URL(page.url()).pathname;
  const missing = await page.evaluate(
    ({ list, here }) => {
      const bad = [];
      for (const { href, path, hash } of list) {
        let id = hash.slice(1);
        try {
          id = decodeURIComponent(id);
        } catch {
          /* keep it raw */
        }
        const el = id ? document.getElementById(id) : null;
        if (path !== here || !el || !/^H[23]$/.test(el.tagName) || !el.closest('div.post-body')) bad.push(href);
      }
      return bad;
    },
    { list: links, here },
  );
  expect(missing, 'TOC links without an h2/h3 target in div.post-body of this page').toEqual([]);

  // Following a TOC link stays on the article and scrolls to the heading.
  await toc.nth(1).click();
  await expect(page).toHaveURL(links[1].href);
  await expect(page.locator('article.post h1.post-title')).toBeVisible();
  const top = await page.evaluate((hash) => document.getElementById(decodeURIComponent(hash.slice(1)))?.getBoundingClientRect().top ?? -1, links[1].hash);
  expect(Math.abs(top)).toBeLessThan(80);
}

/** The chrome every view shares. */
async function expectShell(page, baseURL) {
  // The app's frame, once it has replaced the entry page's copy of it.
  await appReady(page);
  await expect(page.locator('header.site-header a.site-title')).toBeVisible();
  const home = await page.locator('header.site-header a.site-title').evaluate((a) => /** @type {HTMLAnchorElement} */ (a).href);
  expect(home).toBe(siteUrl(baseURL));
  await expect(page.locator('main#main')).toHaveCount(1);
}

test.describe('home', () => {
  test('lists the five posts newest first with Russian dates', async ({ page, baseURL }) => {
    const res = await page.goto(siteUrl(baseURL));
    expect(res?.status()).toBe(200);
    await expectShell(page, baseURL);

    const cards = page.locator('ol.post-list > li > article.post-card');
    await expect(cards).toHaveCount(POSTS.length);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

    for (const [i, post] of POSTS.entries()) {
      const card = cards.nth(i);
      const link = card.locator('h2 a');
      await expect(link).toHaveCount(1);
      const href = await link.evaluate((a) => /** @type {HTMLAnchorElement} */ (a).href);
      expect(href, `card ${i + 1} links to ${post.slug}`).toMatch(new RegExp(`blog/${post.slug}/$`));
      expect(href).toBe(siteUrl(baseURL, postPath(post.slug)));
      expect([post.title, post.headline]).toContain((await link.innerText()).trim());

      const time = card.locator(`time[datetime="${post.date}"]`);
      await expect(time).toHaveCount(1);
      await expect(time).toContainText(post.dateText);
      await expect(card.locator('p.post-card-desc')).not.toBeEmpty();
      await expect(card.locator('.reading-time')).toHaveText(READING_TIME);
    }

    // Five posts fit on one page (posts_per_page = 10).
    await expect(page.locator('nav.pagination')).toHaveCount(0);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page).toHaveTitle(new RegExp(SITE));
  });
});

test.describe('article', () => {
  test('clicking the first card opens the article in-app', async ({ page, baseURL }) => {
    const post = POSTS[0];
    await page.goto(siteUrl(baseURL));
    // Until the app takes over, the entry page's cards (the same markup) are
    // plain links that load the article the ordinary way.
    await appReady(page);
    const first = page.locator('ol.post-list > li > article.post-card').first();
    await expect(first).toBeVisible();

    // A full page load would wipe this; client-side routing keeps it.
    await page.evaluate(() => {
      /** @type {any} */ (window).__e2eMarker = 1;
    });
    await first.locator('h2 a').click();

    await expect(page).toHaveURL(siteUrl(baseURL, postPath(post.slug)));
    const h1 = page.locator('article.post h1.post-title');
    await expect(h1).toHaveText(post.headline);
    expect(await page.evaluate(() => /** @type {any} */ (window).__e2eMarker)).toBe(1);

    await expect(page).toHaveTitle(`${post.title} — ${SITE}`);
    await expect(page.locator('h1')).toHaveCount(1);
    await expectShell(page, baseURL);

    const meta = page.locator('article.post .post-meta');
    await expect(meta.locator('.post-author')).toContainText(AUTHOR);
    await expect(meta.locator('time').first()).toContainText(post.dateText);
    await expect(meta.locator('.reading-time')).toHaveText(READING_TIME);

    await expectTocTargetsExist(page);
    await expect(page.locator('nav.toc')).toContainText(post.firstH2);

    // keywords: "качество обслуживания, клиентский сервис, ButlerSPB, ..." (6 of them)
    await expect(page.locator('ul.post-tags li')).toHaveCount(6);
    await expect(page.locator('ul.post-tags')).toContainText(post.keyword);

    // The newest post has only an older neighbour.
    const neighbours = page.locator('nav.post-nav a[rel="prev"], nav.post-nav a[rel="next"]');
    await expect(neighbours).toHaveCount(1);
    expect(await neighbours.first().evaluate((a) => /** @type {HTMLAnchorElement} */ (a).href)).toBe(
      siteUrl(baseURL, postPath(POSTS[1].slug)),
    );

    // External links in the body can't reach back into this page.
    const external = await page.locator('div.post-body a[href]').evaluateAll((as) =>
      as
        .map((a) => /** @type {HTMLAnchorElement} */ (a))
        .filter((a) => /^https?:$/.test(a.protocol) && a.host !== location.host)
        .map((a) => ({ href: a.href, rel: a.rel })),
    );
    expect(external.length, 'the post links to butlerspb.ru').toBeGreaterThan(0);
    for (const link of external) {
      expect(link.rel.split(/\s+/), `rel of ${link.href}`).toContain('noopener');
    }

    // And back home through the header, still without a reload.
    await page.locator('header.site-header a.site-title').click();
    await expect(page).toHaveURL(siteUrl(baseURL));
    await expect(page.locator('ol.post-list > li > article.post-card')).toHaveCount(POSTS.length);
    expect(await page.evaluate(() => /** @type {any} */ (window).__e2eMarker)).toBe(1);
  });

  test('a deep link to an article loads directly', async ({ page, baseURL }) => {
    const post = POSTS[4];
    const res = await page.goto(siteUrl(baseURL, postPath(post.slug)));
    expect(res?.status()).toBe(200);

    await expect(page.locator('article.post h1.post-title')).toHaveText(post.headline);
    await expect(page).toHaveTitle(`${post.title} — ${SITE}`);
    await expect(page.locator('h1')).toHaveCount(1);
    await expectShell(page, baseURL);
    await expect(page.locator('.post-meta time').first()).toContainText(post.dateText);
    await expectTocTargetsExist(page);
    await expect(page.locator('nav.toc')).toContainText(post.firstH2);

    // The oldest post has only a newer neighbour.
    const neighbours = page.locator('nav.post-nav a[rel="prev"], nav.post-nav a[rel="next"]');
    await expect(neighbours).toHaveCount(1);
    expect(await neighbours.first().evaluate((a) => /** @type {HTMLAnchorElement} */ (a).href)).toBe(
      siteUrl(baseURL, postPath(POSTS[3].slug)),
    );
  });

  test('the table of contents numbers sections, not the subsections between them', async ({ page, baseURL }) => {
    await page.goto(siteUrl(baseURL, postPath(POSTS[0].slug)));
    const sections = page.locator('nav.toc li.toc-level-2');
    await expect(sections.first()).toBeVisible();
    const values = await sections.evaluateAll((items) => items.map((li) => /** @type {HTMLLIElement} */ (li).value));
    expect(values).toEqual(values.map((_, i) => i + 1));
    expect(await page.locator('nav.toc li.toc-level-3').count()).toBeGreaterThan(0);
  });

  test('a post in the middle links both ways', async ({ page, baseURL }) => {
    await page.goto(siteUrl(baseURL, postPath(POSTS[2].slug)));
    await expect(page.locator('article.post h1.post-title')).toHaveText(POSTS[2].headline);
    const nav = page.locator('nav.post-nav');
    await expect(nav.locator('a[rel="prev"]')).toHaveCount(1);
    await expect(nav.locator('a[rel="next"]')).toHaveCount(1);
    const hrefs = await nav
      .locator('a[rel="prev"], a[rel="next"]')
      .evaluateAll((as) => as.map((a) => /** @type {HTMLAnchorElement} */ (a).href).sort());
    expect(hrefs).toEqual(
      [siteUrl(baseURL, postPath(POSTS[1].slug)), siteUrl(baseURL, postPath(POSTS[3].slug))].sort(),
    );
  });
});

test.describe('not found', () => {
  for (const path of ['blog/no-such-post/', 'no/such/route/']) {
    test(`/${path} shows the not-found page`, async ({ page, baseURL, consoleGuard }) => {
      // A static host answers 404 for a path without a file (Chromium logs that);
      // one with an SPA fallback answers the app with 200.
      consoleGuard.allow(/status of 404/);
      const res = await page.goto(siteUrl(baseURL, path));
      expect(res?.status()).toBe(process.env.E2E_HOST === 'spa' ? 200 : 404);

      const section = page.locator('section.not-found');
      await expect(section.locator('h1')).toHaveText(NOT_FOUND);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page).toHaveTitle(new RegExp(`^${NOT_FOUND}`));
      await expect(page.locator('article.post')).toHaveCount(0);
      await expectShell(page, baseURL);
    });
  }
});

test.describe('bundle fetching', () => {
  // Requests are counted and faked here; a service worker answering from its
  // cache would hide them (offline.spec.js covers the worker).
  test.use({ serviceWorkers: 'block' });

  test('a first view reads its data from its own page; in-app views fetch one page each', async ({
    page,
    baseURL,
  }) => {
    const data = recordDataRequests(page);

    await page.goto(siteUrl(baseURL));
    await appReady(page);
    await expect(page.locator('ol.post-list > li > article.post-card')).toHaveCount(POSTS.length);
    await page.waitForLoadState('networkidle');
    // The home page carries its list: only the manifest is read.
    expect(data.manifest, 'manifest requests on home').toHaveLength(1);
    expect(data.pages, 'list pages read on home').toHaveLength(0);
    expect(data.posts, 'posts read on home').toHaveLength(0);
    expect(data.all, 'all data requests on home').toHaveLength(1);

    // In-app navigation reuses the manifest and reads the post's page; then,
    // once idle, the pages of its neighbours (the newest post has one), so
    // "older/newer post" opens without waiting.
    const slugs = () => data.posts.map((u) => new URL(u).pathname.replace(/^.*\/blog\/|\/index\.html$/g, ''));
    data.clear();
    await page.locator('ol.post-list > li > article.post-card h2 a').first().click();
    await expect(page.locator('article.post h1.post-title')).toHaveText(POSTS[0].headline);
    await page.waitForLoadState('networkidle');
    await expect.poll(slugs, 'posts read after the click: its own first').toEqual([POSTS[0].slug, POSTS[1].slug]);
    expect(data.pages, 'list pages read after the click').toHaveLength(0);

    // A fresh load of an article: the manifest for the view (its data is in
    // the page), then its two neighbours.
    data.clear();
    await page.goto(siteUrl(baseURL, postPath(POSTS[2].slug)));
    await expect(page.locator('article.post h1.post-title')).toHaveText(POSTS[2].headline);
    await page.waitForLoadState('networkidle');
    expect(data.manifest, 'manifest requests on an article').toHaveLength(1);
    await expect.poll(() => slugs().sort(), 'posts read on an article: its neighbours').toEqual([POSTS[1].slug, POSTS[3].slug].sort());
    expect(data.pages, 'list pages read on an article').toHaveLength(0);
  });

  test('a failed manifest fetch shows an alert, and retry recovers', async ({
    page,
    baseURL,
    consoleGuard,
  }) => {
    // The aborted request is logged by Chromium as a failed resource load.
    consoleGuard.allow(/Failed to load resource|net::ERR_FAILED/);

    let calls = 0;
    /** @type {() => void} */
    let release = () => {};
    const released = new Promise((resolve) => {
      release = () => resolve(undefined);
    });
    await page.route(isManifest, async (route) => {
      calls += 1;
      if (calls === 1) {
        await route.abort('failed');
        return;
      }
      // Hold the retry until the loading state has been seen.
      await released;
      await route.continue();
    });

    await page.goto(siteUrl(baseURL));
    const alert = page.locator('div.load-error[role="alert"]');
    await expect(alert).toBeVisible();
    const retry = alert.locator('button.retry');
    await expect(retry).toHaveText('Повторить');
    await expect(page.locator('article.post-card')).toHaveCount(0);

    await retry.click();
    await expect(page.locator('[aria-busy="true"]').first()).toBeAttached();
    await expect.poll(() => calls, { message: 'retry fetched the manifest again' }).toBe(2);
    release();

    await expect(page.locator('ol.post-list > li > article.post-card')).toHaveCount(POSTS.length);
    await expect(alert).toHaveCount(0);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  });
});
