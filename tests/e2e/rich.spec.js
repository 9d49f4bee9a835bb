// @ts-check
// Rich content (tests/fixtures/rich, on the English fixture site): a co-located
// image, highlighted
// code with its title and marked line, callouts with their labels, inline HTML
// with its meaning; the same without JavaScript; no accessibility violations.
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
  await expect(post.locator('.callout-tip .callout-title')).toHaveText('Tip');
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
  // Nothing of the source syntax is left.
  const text = await post.innerText();
  for (const raw of [':::', '[!NOTE]', '<kbd>', '```']) expect(text).not.toContain(raw);
}

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
