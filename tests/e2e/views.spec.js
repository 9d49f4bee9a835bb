// @ts-check
// One set of views: the entry pages are the app's own views (crates/views)
// rendered by the builder, so for every kind of page the page without
// JavaScript and the same page once the app has taken over show the same
// text and the same links, and the first screen looks the same (at most 1 %
// of its pixels differ) at phone and desktop widths, in both themes.
const { test, expect, appReady, siteUrl, fetchRoute } = require('./fixtures');

// What only the running app can know, left out of both sides: how much is
// saved offline, what this browser has read.
// And what only a reader without JavaScript sees (where search needs it).
// And what needs a script: copy buttons, the box of an image that failed.
const APP_ONLY = ['.save-offline', '.read-mark', '.offline-mark', '.reading-progress', '.continue-reading', '.copy-code', '.img-failed-alt'];
const NO_JS_ONLY = ['noscript'];
const HIDE = [...APP_ONLY, ...NO_JS_ONLY];

/** Every kind of page of the site at `base`, as [name, path] (the data says which exist). */
async function pageKinds(request, base) {
  const manifest = await (await request.get(new URL('data/manifest.json', base).href)).json();
  const first = await fetchRoute(request, base, '/');
  const post = first.posts[0];
  const tags = await fetchRoute(request, base, '/tags/');
  const tag = tags.tags[0].tag.slug;
  const word = post.title.split(/\s+/).find((w) => w.length > 4) || post.title;
  const kinds = [
    ['home', ''],
    ['article', `${post.path}/`],
    ['tags', 'tags/'],
    ['tag', `tags/${tag}/`],
    ['archive', 'archive/'],
    ['search', 'search/'],
    ['search with a query', `search/?q=${encodeURIComponent(word.toLowerCase())}`],
    ['not found', 'no/such/page/'],
  ];
  if (manifest.page_count > 1) kinds.splice(1, 0, ['page 2', 'page/2/']);
  // The post of rich content (code, callouts, inline HTML), where the site has it.
  const archive = await fetchRoute(request, base, '/archive/');
  const rich = archive.years.flatMap((y) => y.months.flatMap((m) => m.posts)).find((p) => p.path.endsWith('rich-content'));
  if (rich) kinds.push(['rich article', `${rich.path}/`]);
  return kinds;
}

/** Visible text (whitespace collapsed) and links of `root`, app-only parts hidden. */
async function textAndLinks(page, root, hide) {
  return page.evaluate(([root, hide]) => {
    const el = document.querySelector(root);
    if (!el) throw new Error(`no ${root}`);
    for (const h of el.querySelectorAll(hide.join(','))) /** @type {HTMLElement} */ (h).style.display = 'none';
    const text = el.innerText.replace(/\s+/g, ' ').trim();
    const links = [...el.querySelectorAll('a[href]')]
      .filter((a) => a.getClientRects().length > 0 || a.classList.contains('skip-link'))
      // The skip link names the page it is on; a not-found page's entry file is 404.html.
      .map((a) => (a.classList.contains('skip-link') ? '#main' : /** @type {HTMLAnchorElement} */ (a).href))
      .sort();
    return { text, links };
  }, [root, hide]);
}

const SITES = [
  ['English, two posts a page', process.env.E2E_EN_URL],
  ['Russian', null],
];

for (const [siteName, siteBase] of SITES) {
  test(`${siteName}: every kind of page says and links the same without JavaScript and in the app`, async ({ browser, page, baseURL, request, consoleGuard }) => {
    test.setTimeout(120_000);
    consoleGuard.allow(/status of 404/);
    const base = siteBase || siteUrl(baseURL);
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    for (const [kind, rel] of await pageKinds(request, base)) {
      const url = new URL(rel, base).href;
      // Results need the app: on the search page only the frame around them is compared.
      const hide = kind === 'search with a query' ? [...HIDE, '.search-page > :not(h1)'] : HIDE;
      await plain.goto(url);
      const before = await textAndLinks(plain, '#prerender', hide);
      await page.goto(url);
      await appReady(page);
      if (kind === 'search with a query') await expect(page.locator('.search-results li').first()).toBeVisible();
      const after = await textAndLinks(page, '#app', hide);
      expect(before.text.length, `${kind}: text without JavaScript`).toBeGreaterThan(20);
      expect(after.text, `${kind}: visible text, app vs entry page`).toBe(before.text);
      expect(after.links, `${kind}: links, app vs entry page`).toEqual(before.links);
    }
    // Without JavaScript the search page says where else to look.
    await plain.goto(new URL('search/?q=x', base).href);
    await expect(plain.locator('#prerender noscript, #prerender .search-page a[href$="/archive/"]').first()).toBeAttached();
    await noJs.close();
  });
}

/** Share of pixels that differ between two PNG screenshots (compared in a canvas). */
async function diffShare(page, a, b) {
  return page.evaluate(async ([a, b]) => {
    const load = (src) => new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = reject;
      img.src = `data:image/png;base64,${src}`;
    });
    const [x, y] = await Promise.all([load(a), load(b)]);
    if (x.width !== y.width || x.height !== y.height) return 1;
    const pixels = (img) => {
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d'));
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height).data;
    };
    const p = pixels(x);
    const q = pixels(y);
    let differ = 0;
    for (let i = 0; i < p.length; i += 4) {
      // Anti-aliasing noise is not a difference a reader sees.
      if (Math.abs(p[i] - q[i]) > 8 || Math.abs(p[i + 1] - q[i + 1]) > 8 || Math.abs(p[i + 2] - q[i + 2]) > 8) differ += 1;
    }
    return differ / (p.length / 4);
  }, [a.toString('base64'), b.toString('base64')]);
}

for (const width of [390, 1280]) {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    test(`the first screen looks the same before and after the app takes over: ${width} px, ${colorScheme}`, async ({ browser, request, baseURL }) => {
      test.setTimeout(120_000);
      const base = process.env.E2E_EN_URL || siteUrl(baseURL);
      const options = { viewport: { width, height: 800 }, colorScheme };
      const noJs = await browser.newContext({ ...options, javaScriptEnabled: false, bypassCSP: true });
      const app = await browser.newContext({ ...options, bypassCSP: true });
      const canvas = await (await browser.newContext()).newPage();
      // App-only parts keep their place; what shows only without JavaScript is not
      // on the entry page as a reader with JavaScript sees it.
      const hide = `${APP_ONLY.join(',')} { visibility: hidden !important; } ${NO_JS_ONLY.join(',')} { display: none !important; }`;
      const shot = async (context, url, ready) => {
        const page = await context.newPage();
        await page.goto(url);
        await ready(page);
        // (addStyleTag waits on a script event, which a page without JavaScript never fires.)
        await page.evaluate((css) => {
          const style = document.createElement('style');
          style.textContent = css;
          document.head.append(style);
        }, hide);
        await page.evaluate(() => document.fonts.ready);
        // Pictures on the first screen decoded, in both: the app draws its own
        // <img> elements, which the browser decodes again from its cache.
        await page.evaluate(() => Promise.race([
          Promise.all([...document.images]
            .filter((img) => img.getBoundingClientRect().top < innerHeight)
            .map((img) => img.decode().catch(() => {}))),
          new Promise((resolve) => setTimeout(resolve, 5000)),
        ]));
        const png = await page.screenshot({ animations: 'disabled' });
        await page.close();
        return png;
      };
      const kinds = (await pageKinds(request, base)).filter(([kind]) => kind !== 'search with a query');
      const shares = [];
      for (const [kind, rel] of kinds) {
        const url = new URL(rel, base).href;
        const before = await shot(noJs, url, async () => {});
        const after = await shot(app, url, appReady);
        const share = await diffShare(canvas, before, after);
        shares.push(`${kind} ${(share * 100).toFixed(2)} %`);
        expect(share, `${kind} at ${width} px, ${colorScheme}: share of pixels that change`).toBeLessThanOrEqual(0.01);
      }
      console.log(`pixels changed by the takeover at ${width} px, ${colorScheme}: ${shares.join(', ')}`);
      await noJs.close();
      await app.close();
    });
  }
}

test('the app keeps the pre-rendered article of its first view, and replaces it with the next post', async ({ page, baseURL, request }) => {
  const home = await fetchRoute(request, siteUrl(baseURL), '/');
  const [newest, older] = home.posts;
  // The WebAssembly waits until the pre-rendered article is marked, so the
  // mark is there before the app starts.
  let release = () => {};
  const marked = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => {
    await marked;
    await route.continue();
  });
  await page.goto(siteUrl(baseURL, `${newest.path}/`));
  await page.evaluate(() => {
    const h1 = document.querySelector('#prerender article.post h1');
    if (!h1) throw new Error('no pre-rendered article');
    Object.assign(h1, { adoptedMark: true });
  });
  release();
  await appReady(page);
  await expect(page.locator('#prerender')).toHaveCount(0);
  // The same element, now in the app's view: nothing was built again.
  expect(await page.evaluate(() => {
    const h1 = document.querySelector('#app article.post h1');
    return Boolean(h1 && /** @type {any} */ (h1).adoptedMark);
  })).toBe(true);
  await expect(page.locator('#app article.post')).toHaveCount(1);
  // Another post replaces the adopted article, leaving nothing of it behind.
  await page.locator('nav.post-nav a[rel="prev"]').click();
  await expect(page).toHaveURL(siteUrl(baseURL, `${older.path}/`));
  await expect(page.locator('article.post')).toHaveCount(1);
  await expect(page.locator('article.post h1')).toHaveCount(1);
  await expect(page.locator('nav.post-nav a[rel="next"]')).toHaveCount(1);
  expect(await page.evaluate(() => Boolean(/** @type {any} */ (document.querySelector('article.post h1'))?.adoptedMark))).toBe(false);
  // And back: the first post, built by the app this time, once.
  await page.goBack();
  await expect(page).toHaveURL(siteUrl(baseURL, `${newest.path}/`));
  await expect(page.locator('article.post')).toHaveCount(1);
  await expect(page.locator('article.post h1')).toHaveCount(1);
  await expect(page.locator('nav.post-nav a[rel="next"]')).toHaveCount(0);
});
