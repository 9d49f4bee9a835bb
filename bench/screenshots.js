// Screenshots of the home page and an article at 390 px and 1280 px wide, in
// the light and the dark theme, from a built dist/ (make screenshots); with
// RICH, the site with the rich-content fixture (make fixture-sites builds it
// into build/en-site), that post whole, every kind of rich content on it.
//
//   node bench/screenshots.js [DIST] [OUT] [RICH]   (defaults: dist, build/screenshots)
//
// Images on other hosts (hero images on a CDN) are replaced by a flat placeholder,
// so the pictures don't depend on the network.
const fs = require('node:fs');
const path = require('node:path');
const { withSite, run } = require('./site');
const { routeData } = require('../tests/e2e/fixtures');

const dist = path.resolve(process.argv[2] || 'dist');
const out = path.resolve(process.argv[3] || path.join('build', 'screenshots'));
const rich = process.argv[4] && path.resolve(process.argv[4]);
const port = 8098;
const PLACEHOLDER = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#c9b8a6"/></svg>';

async function main() {
  fs.mkdirSync(out, { recursive: true });
  await withSite(dist, port, async (browser, origin) => {
    // The home page carries its list (`<script id="blog-data">`).
    const first = routeData(await (await fetch(`${origin}/`)).text(), '/');
    await shoot(browser, origin, { home: '/', article: `/${first.posts[0].path}/` }, false);
  });
  if (rich) await withSite(rich, port + 1, (browser, origin) => shoot(browser, origin, { 'rich-content': '/blog/rich-content/' }, true));
}

async function shoot(browser, origin, pages, fullPage) {
  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.route((url) => !url.href.startsWith(origin), (r) => r.fulfill({ contentType: 'image/svg+xml', body: PLACEHOLDER }));
      for (const [name, route] of Object.entries(pages)) {
        await page.goto(origin + route);
        await page.waitForSelector('#app:not([data-pending])');
        await page.waitForTimeout(300);
        const file = path.join(out, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage });
        console.log(file);
      }
      await context.close();
    }
  }
}

run(main);
