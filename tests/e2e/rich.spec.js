// @ts-check
// Rich content (tests/fixtures/rich, on the English fixture site): a co-located
// image, highlighted code with its title and marked line, callouts with their
// labels, inline HTML with its meaning, formulas, details, a figure, a video
// placeholder, a sound player; the same without JavaScript; copy buttons,
// videos played on request, failed images; no accessibility violations.
const { default: AxeBuilder } = require('@axe-core/playwright');
const { test, expect, appReady } = require('./fixtures');

const POST = 'blog/rich-content/';

async function expectRich(page, root) {
  const post = page.locator(`${root} article.post`);
  // Code: tokens as classes, the fence's title, its marked line, plain text left plain.
  const rust = post.locator('.code-block', { has: page.locator('code.language-rust') });
  await expect(rust.locator('.code-title')).toHaveText('src/main.rs');
  await expect(rust.locator('.tok-k').first()).toHaveText('fn');
  await expect(rust.locator('.tok-s').first()).toHaveText('"hello"');
  await expect(rust.locator('.code-line.marked')).toHaveCount(1);
  await expect(rust.locator('.code-line.marked')).toContainText('let greeting');
  await expect(post.locator('code.language-ts .tok-t')).toHaveText('number');
  await expect(post.locator('code.language-diff .tok-i')).toContainText('+ new line');
  await expect(post.locator('code.language-text span')).toHaveCount(0);
  // Callouts, with the kind's label or the directive's title.
  await expect(post.locator('.callout-note .callout-title')).toHaveText('Note');
  await expect(post.locator('.callout-warning .callout-title')).toHaveText('Back up first');
  await expect(post.locator('.callout-tip .callout-title')).toHaveText(['Tip', 'Tip']);
  await expect(post.locator('.callout-warning')).toHaveAttribute('role', 'note');
  // Inline HTML keeps its meaning.
  await expect(post.locator('sub')).toHaveText('2');
  await expect(post.locator('kbd')).toHaveText(['Ctrl', 'C']);
  await expect(post.locator('abbr')).toHaveAttribute('title', 'HyperText Markup Language');
  for (const tag of ['mark', 'ins', 'small', 'strong', 'em']) await expect(post.locator(tag).first()).toBeVisible();
  // A co-located image: copied under a hashed name, with its size.
  const img = post.locator('img[alt^="A gradient"]');
  await expect(img).toHaveAttribute('src', /\/media\/[0-9a-f]{16}\/gradient\.png$/);
  await expect(img).toHaveAttribute('width', '48');
  await expect(img).toHaveAttribute('height', '32');
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el) => /** @type {HTMLImageElement} */ (el).naturalWidth)).toBe(48);
  // A site path, found in the static folder: copied and sized too.
  const dot = post.locator('img[alt="A dot from the site\'s static folder"]');
  await expect(dot).toHaveAttribute('src', /\/media\/[0-9a-f]{16}\/dot\.png$/);
  await expect(dot).toHaveAttribute('width', '1');
  // Formulas as MathML; one the converter cannot read stays code.
  await expect(post.locator('math')).toHaveCount(2);
  await expect(post.locator('math[display="block"] mfrac')).toHaveCount(1);
  await expect(post.locator('math[display="inline"] msup mi').first()).toHaveText('e');
  await expect(post.locator('code', { hasText: '\\frobnicate{x}' })).toHaveCount(1);
  // Details open by their summary, with Markdown inside.
  const details = post.locator('details');
  await expect(details.locator('summary')).toHaveText('What the builder does with details');
  await expect(details.locator('strong')).toBeHidden();
  await details.locator('summary').click();
  await expect(details.locator('strong')).toHaveText('Markdown');
  // A figure keeps its picture and caption; a large picture has WebP copies.
  const photo = post.locator('figure.figure img');
  await expect(photo).toHaveAttribute('width', '1600');
  await expect(photo).toHaveAttribute('height', '900');
  const copies = (await photo.getAttribute('srcset') || '').split(', ').map((c) => c.replace(/^.*\/media\/[0-9a-f]{16}\//, ''));
  expect(copies).toEqual(['landscape-480w.webp 480w', 'landscape-960w.webp 960w', 'landscape-1440w.webp 1440w', 'landscape.jpg 1600w']);
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((el) => /** @type {HTMLImageElement} */ (el).currentSrc)).toMatch(/-960w\.webp$/);
  // Loaded (its natural width is given in CSS pixels of the 672 px column).
  await expect.poll(() => photo.evaluate((el) => /** @type {HTMLImageElement} */ (el).naturalWidth)).toBe(672);
  await expect(page.locator(`${root} .post-hero`)).toHaveAttribute('srcset', /landscape-1440w\.webp 1440w, .*landscape\.jpg 1600w$/);
  await expect(post.locator('figure.figure figcaption')).toHaveText('A caption under the picture.');
  // A video is a placeholder linking to it; the player is not loaded.
  const embed = post.locator('figure.embed');
  await expect(embed.locator('a.embed-play')).toHaveAttribute('href', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await expect(embed.locator('iframe')).toHaveCount(0);
  // Sound: a player with controls that does not start by itself.
  const audio = post.locator('audio');
  await expect(audio).toHaveAttribute('src', /\/media\/[0-9a-f]{16}\/tone\.wav$/);
  await expect(audio).toHaveAttribute('controls', '');
  await expect(audio).not.toHaveAttribute('autoplay', /.*/);
  const video = post.locator('video');
  await expect(video).toHaveAttribute('src', 'https://media.example.org/clip.webm');
  await expect(video).toHaveAttribute('poster', /\/media\/[0-9a-f]{16}\/gradient\.png$/);
  await expect(video).toHaveAttribute('preload', 'none');
  await expect(post.locator('img[alt="A picture element\'s image"]')).toHaveAttribute('src', /gradient\.png$/);
  await expect(post.locator('.callout-tip')).toHaveCount(2);
  // Nothing of the source syntax is left.
  const text = await post.innerText();
  for (const raw of [':::', '[!NOTE]', '<kbd>', '```', '{{', '$$', 'cannot play']) expect(text).not.toContain(raw);
}

// (No service worker: it would answer for the pictures this test keeps from loading.)
test.describe('with no service worker', () => {
  test.use({ serviceWorkers: 'block' });
  test('code copies, videos play on request, failed images say what they showed', async ({ page, context, externalRequests, consoleGuard }) => {
    // Two pictures cannot be had (as offline, not saved).
    consoleGuard.allow(/ERR_FAILED/);
    await page.route(/\/media\/.*\/gradient\.png$/, (route) => route.abort());
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const url = new URL(POST, process.env.E2E_EN_URL).href;
    // First on the entry page with the app kept from starting, then in the app.
    await page.route(/\.wasm$/, (route) => route.abort());
    consoleGuard.allow(/wasm|WebAssembly|Failed to fetch/i);
    for (const root of ['#prerender', '#app']) {
      await page.goto(url);
      if (root === '#app') await appReady(page);
      const post = page.locator(`${root} article.post`);
      const rust = post.locator('.code-block', { has: page.locator('code.language-rust') });
      await rust.locator('.copy-code').click();
      await expect(rust.locator('.copy-code')).toHaveAttribute('aria-label', 'Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await rust.locator('pre code').textContent());
      expect(externalRequests.filter((u) => /youtube|vimeo/.test(u))).toEqual([]);
      await post.locator('.embed-play').click();
      await expect(post.locator('.embed iframe')).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1');
      expect(page.url()).toBe(url);
      const failed = post.locator('.img-failed-alt');
      // (Lazy pictures are asked for once they near the screen.)
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await expect(failed).toHaveText(['A gradient, co-located with the post', "A picture element's image"]);
      await expect(post.locator('img.img-failed')).toHaveCount(2);
      await expect(post.locator('img.img-failed').first()).toBeHidden();
      externalRequests.length = 0;
      await page.unroute(/\.wasm$/);
    }
  });
});

test('without JavaScript, the copy button is not shown and a video is a link', async ({ browser }) => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await page.goto(new URL(POST, process.env.E2E_EN_URL).href);
  await expect(page.locator('.copy-code').first()).toBeHidden();
  await expect(page.locator('.embed-play')).toBeVisible();
  await noJs.close();
});

test('rich content renders in the app and without JavaScript', async ({ browser, page }) => {
  const url = new URL(POST, process.env.E2E_EN_URL).href;
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(url);
  await expectRich(plain, '#prerender');
  await noJs.close();
  await page.goto(url);
  await appReady(page);
  await expectRich(page, '#app');
});

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`rich content has no accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(new URL(POST, process.env.E2E_EN_URL).href);
    await appReady(page);
    const result = await new AxeBuilder({ page })
      .include('article.post')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
}
