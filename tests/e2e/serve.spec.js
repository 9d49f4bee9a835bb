// @ts-check
// The author's loop: `blog-builder serve` over a copy of the posts. Editing a
// post, adding one, deleting it, breaking a post's front matter and fixing it
// again each show in the open page without a manual reload; the edited
// article keeps its scroll position; a build error is shown over the page
// with its file and line, and goes when fixed.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { test, expect, appReady } = require('./fixtures');
const { PREFIX, repo } = require('./deploy');

const PORT = Number(process.env.E2E_PORT || 8090) + 8;
const at = (rel = '') => `http://127.0.0.1:${PORT}${PREFIX}${rel}`;
const BUILDER = path.join(repo, 'target', 'release', 'blog-builder');

test.describe.configure({ mode: 'serial' });

/** @type {import('node:child_process').ChildProcess} */
let server;
let content = '';
let log = '';

test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-serve-'));
  content = path.join(dir, 'content');
  fs.cpSync(path.join(repo, 'content'), content, { recursive: true });
  // The app built into blog-builder, as an author who installed it with cargo install has it.
  server = spawn(BUILDER, ['serve', content, '--port', String(PORT), '--prefix', PREFIX, '--quiet']);
  server.stderr?.on('data', (d) => { log += d; });
  await expect.poll(async () => fetch(at()).then((r) => r.status).catch(() => 0), { timeout: 30_000 }).toBe(200);
});

test.afterAll(() => {
  server.kill();
});

// The page's wait for news is a long request the browser may drop when the
// page reloads or the connection is reused; the script asks again.
// A post read ahead by the open page (its neighbours, when the browser is
// idle) can be asked for under the build an edit has just replaced: that
// shard is gone (404), and the app reads the new manifest and carries on, as
// after any redeploy. Chromium logs the 404 all the same.
test.beforeEach(({ consoleGuard }) => {
  consoleGuard.allow(/__livereload/);
  consoleGuard.allow(/status of 404 .*\/data\/[0-9a-f]+\/posts\//);
});

/** The first post file of the copy, and its text. */
function firstPost() {
  const file = fs.readdirSync(content).filter((f) => f.endsWith('.md')).sort()[0];
  return { file: path.join(content, file), slug: file.replace(/\.md$/, '') };
}

test('an edited post shows at once, where the reader was', async ({ page }) => {
  const { file, slug } = firstPost();
  await page.goto(at(`blog/${slug}/`));
  await appReady(page);
  await page.evaluate(() => window.scrollTo(0, 600));
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeGreaterThan(300);
  fs.appendFileSync(file, '\n\nЭтот абзац дописан при открытой странице.\n');
  await expect(page.locator('article.post')).toContainText('Этот абзац дописан при открытой странице.', { timeout: 15_000 });
  await appReady(page);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(y + 5);
});

test('an added post appears on the home page, and goes when deleted', async ({ page }) => {
  await page.goto(at());
  await appReady(page);
  const added = path.join(content, 'zapis-dlya-proverki.md');
  fs.writeFileSync(added, '---\ntitle: "Запись, добавленная при открытой странице"\npubDate: "2099-01-01"\n---\n\nТекст новой записи.\n');
  await expect(page.locator('ol.post-list')).toContainText('Запись, добавленная при открытой странице', { timeout: 15_000 });
  fs.rmSync(added);
  await expect(page.locator('ol.post-list')).not.toContainText('Запись, добавленная при открытой странице', { timeout: 15_000 });
  await expect(page.locator('ol.post-list article.post-card').first()).toBeVisible();
});

test('a broken post is shown as an error with its file and line until it is fixed', async ({ page, consoleGuard }) => {
  consoleGuard.allow(/status of 404/);
  const { file, slug } = firstPost();
  const good = fs.readFileSync(file, 'utf8');
  await page.goto(at(`blog/${slug}/`));
  await appReady(page);
  const title = await page.locator('h1.post-title').innerText();
  // A date no reader understands: the build fails, the last good site stays.
  fs.writeFileSync(file, good.replace(/^(pubDate|date):.*$/m, 'pubDate: "когда-нибудь"'));
  const overlay = page.locator('.build-errors');
  await expect(overlay).toBeVisible({ timeout: 15_000 });
  await expect(overlay).toContainText(`${path.basename(file)}:`);
  await expect(overlay).toContainText(/date/i);
  await expect(page.locator('h1.post-title')).toHaveText(title);
  fs.writeFileSync(file, good);
  await expect(overlay).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('h1.post-title')).toHaveText(title);
  await appReady(page);
});

test('the development site is never answered by an older release', async ({ page }) => {
  await page.goto(at());
  await appReady(page);
  // The worker the app registers removes itself and its caches.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), { timeout: 15_000 }).toBe(0);
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBe(0);
});

test('a new build of the app reloads the open page once, onto the new app', async ({ page }) => {
  // Trunk's output as --app DIR, on a server of its own; its files are
  // replaced one after another, as `trunk watch` replaces them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-serve-app-'));
  const app = path.join(dir, 'app');
  fs.cpSync(path.join(repo, 'build', 'app'), app, { recursive: true });
  const port = PORT + 1;
  const own = spawn(BUILDER, ['serve', content, '--app', app, '--port', String(port), '--quiet']);
  try {
    const origin = `http://127.0.0.1:${port}/`;
    await expect.poll(async () => fetch(origin).then((r) => r.status).catch(() => 0), { timeout: 30_000 }).toBe(200);
    await page.goto(origin);
    await appReady(page);
    let loads = 0;
    page.on('load', () => { loads += 1; });
    for (const name of ['theme.js', 'enhance.js']) {
      fs.appendFileSync(path.join(app, name), `\n// rebuilt ${Date.now()}\n`);
      await new Promise((r) => setTimeout(r, 150));
    }
    fs.appendFileSync(path.join(app, 'theme.js'), '\nwindow.appRebuilt = true;\n');
    // The reload may destroy the page's context in the middle of a poll: that poll is false.
    await expect.poll(() => page.evaluate(() => window.appRebuilt === true).catch(() => false), { timeout: 15_000 }).toBe(true);
    await appReady(page);
    await page.waitForTimeout(1000);
    expect(loads).toBe(1);
  } finally {
    own.kill();
  }
});
