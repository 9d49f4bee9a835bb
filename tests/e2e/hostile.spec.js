// @ts-check
// The hostile fixture corpus (tests/fixtures/hostile): every page of it is
// loaded with and without JavaScript, and nothing from content may run, turn
// into markup, or reach a host the content names.
const fs = require('node:fs');
const path = require('node:path');
const { test, expect, fetchRoute } = require('./fixtures');

// The app shell's theme script, which the builder copies into every entry page.
const THEME_JS = fs.readFileSync(path.join(__dirname, '..', '..', 'public', 'theme.js'), 'utf8');
// The shell's favicon, which the builder inlines into every page as a data: URI.
const SHELL = { theme: THEME_JS, icon: fs.readFileSync(path.join(__dirname, '..', '..', 'public', 'favicon.svg'), 'utf8').trim() };

const SITE = process.env.E2E_HOSTILE_URL || 'http://127.0.0.1:8091/';
const EVIL_HOST = 'evil.example';

/** Every route a reader can land on: list pages, each post (from the bundle), a 404. */
async function routes(request) {
  const manifest = await (await request.get(new URL('data/manifest.json', SITE).href)).json();
  const routes = ['', 'no/such/page/'];
  for (let n = 1; n <= manifest.page_count; n += 1) {
    const page = await fetchRoute(request, SITE, n > 1 ? `/page/${n}/` : '/');
    if (n > 1) routes.push(`page/${n}/`);
    for (const post of page.posts) routes.push(`${post.path}/`);
  }
  return routes;
}

/**
 * What of the content made it into the DOM as something live (`theme`: the
 * shell's theme script; `icon`: the shell's SVG favicon, the one data: URI allowed).
 */
function findInjections({ theme, icon }) {
  const problems = [];
  if (/** @type {any} */ (window).__pwned !== undefined) problems.push(`window.__pwned = ${String(/** @type {any} */ (window).__pwned)}`);
  // The app's own search box is the one form allowed.
  for (const el of document.querySelectorAll('iframe, object, embed, svg, form:not(.site-search), input:not([type=checkbox]):not(#site-search-input), frame, meta[http-equiv="refresh" i], base:not(:first-of-type)')) {
    problems.push(`element <${el.tagName.toLowerCase()}>`);
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) problems.push(`handler ${attr.name} on <${el.tagName.toLowerCase()}>`);
      if (attr.name === 'style' && /url\(/i.test(attr.value)) problems.push(`style url on <${el.tagName.toLowerCase()}>`);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(attr.name)) {
        const v = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        const shellIcon = el.matches('head > link[rel=icon]') && attr.value.startsWith('data:image/svg+xml,')
          && decodeURIComponent(attr.value.slice('data:image/svg+xml,'.length)) === icon;
        if (/^(javascript|vbscript|data):/.test(v) && !shellIcon) problems.push(`${attr.name}="${attr.value}" on <${el.tagName.toLowerCase()}>`);
      }
    }
  }
  for (const script of document.querySelectorAll('script')) {
    const type = (script.getAttribute('type') || '').toLowerCase();
    // Data blocks, which never run: JSON-LD and the route's data (#blog-data).
    if (type === 'application/ld+json' || (type === 'application/json' && script.id === 'blog-data')) {
      try {
        JSON.parse(script.textContent || '');
      } catch (e) {
        problems.push(`${type} does not parse: ${e}`);
      }
      continue;
    }
    if ((script.textContent || '').includes('__pwned')) problems.push('a script with content text');
  }
  // Stylesheets and the like from other hosts would be injected; a picture the
  // post shows (raw <img> is an image node, without its handlers) is content.
  for (const link of document.querySelectorAll('link[href]')) {
    const url = link.getAttribute('href') || '';
    if (url.includes('evil.example')) problems.push(`<link> loads ${url}`);
  }
  // Only the app's own scripts: the shell's inline theme script and loader (hashed
  // into the CSP), and same-origin files.
  const inline = [...document.querySelectorAll('script:not([src]):not([type="application/ld+json"]):not(#blog-data[type="application/json"])')].map((s) => s.textContent || '');
  const loaders = inline.filter((text) => text.includes('TrunkApplicationStarted'));
  const others = inline.filter((text) => text !== theme && !text.includes('TrunkApplicationStarted'));
  if (loaders.length > 1 || others.length > 0) problems.push(`inline scripts besides the shell's: ${JSON.stringify(others)}`);
  for (const s of document.querySelectorAll('script[src]')) {
    if (new URL(/** @type {HTMLScriptElement} */ (s).src).origin !== location.origin) problems.push(`script from ${s.getAttribute('src')}`);
  }
  return problems;
}

test.describe('hostile content', () => {
  test('no page of the hostile corpus runs or injects anything (JavaScript on)', async ({ page, request, externalRequests, consoleGuard }) => {
    consoleGuard.allow(/status of 404 .*no\/such\/page/);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    for (const route of await routes(request)) {
      await page.goto(new URL(route, SITE).href);
      // The app has taken over once the pre-rendered copy is gone.
      await expect(page.locator('#prerender')).toHaveCount(0);
      await expect(page.locator('main#main h1').first()).toBeVisible();
      // Give handlers a chance to fire: hover and focus everything in the article.
      for (const el of await page.locator('main a, main div, main p').all()) {
        await el.hover({ timeout: 1000 }).catch(() => {});
      }
      expect(await page.evaluate(findInjections, SHELL), `injections on /${route}`).toEqual([]);
    }
    // Hostile text is shown as text.
    await page.goto(new URL('blog/scripts/', SITE).href);
    // Raw HTML in the headline is dropped, script and all; the words stay.
    await expect(page.locator('article.post h1.post-title')).toHaveText('Hostile');
    await expect(page).toHaveTitle(/<\/script><script>window.__pwned='title'<\/script>/);
    await expect(page.locator('div.post-body code').first()).toHaveText("<script>window.__pwned='code'</script>");

    expect(dialogs, 'dialogs opened').toEqual([]);
    const evil = externalRequests.filter((u) => new URL(u).hostname.endsWith(EVIL_HOST));
    expect(evil, 'requests to hosts the content named').toEqual([]);
  });

  test('entry pages are inert without JavaScript too', async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    for (const route of await routes(request)) {
      await page.goto(new URL(route, SITE).href);
      await expect(page.locator('#prerender')).toHaveCount(1);
      // The page's own scripts are off; Playwright's inspection still runs.
      expect(await page.evaluate(findInjections, SHELL), `injections in the pre-rendered /${route}`).toEqual([]);
      const html = await page.content();
      // The only executable scripts are the shell's theme script and loader;
      // JSON-LD and the route's data are data.
      const inline = (html.match(/<script(?![^>]*application\/(ld\+)?json)[^>]*>/gi) || []).filter((t) => !/\ssrc=/i.test(t));
      expect(inline.length, `inline scripts on /${route}`).toBeLessThanOrEqual(2);
      for (const tag of html.match(/<script[^>]*\ssrc=[^>]*>/gi) || []) {
        expect(tag, `external script on /${route}`).not.toMatch(/src=["']?(https?:)?\/\//i);
      }
      for (const block of html.match(/<script[^>]*application\/(ld\+)?json[^>]*>[\s\S]*?<\/script>/gi) || []) {
        const json = block.replace(/^<script[^>]*>/i, '').replace(/<\/script>$/i, '');
        expect(() => JSON.parse(json), `JSON data on /${route}`).not.toThrow();
        expect(json).not.toContain('<');
      }
      expect((html.match(/<script[^>]*application\/json[^>]*>/gi) || []).length, `one data block on /${route}`).toBeLessThanOrEqual(1);
      expect(html).toContain('http-equiv="Content-Security-Policy"');
    }
    expect(requested.filter((u) => u.includes(EVIL_HOST))).toEqual([]);
    await context.close();
  });
});
