// @ts-check
// End-to-end tests of the built site in dist/ (run `make build` first, or `make test`).
//
//   E2E_PORT     port of the static server the tests start (default 8090)
//   PUBLIC_URL   sub-path the site was built for (default /); must match the build
//   E2E_DIST     directory to serve (default <repo>/dist)
//   E2E_HOSTILE_DIST, E2E_EN_DIST   the hostile corpus and the English build of the
//                posts (default <repo>/build/hostile-site, build/en-site: make fixture-sites)
//   E2E_ZOLA_DIST, E2E_JEKYLL_DIST  two real blogs' excerpts built as they are
//                (default <repo>/build/zola-site, build/jekyll-site)
//   CHROMIUM     browser binary (default /usr/bin/chromium, Debian's package)
//   E2E_HOST     `spa`: serve every site as a host with an SPA fallback does
//
// Playwright never downloads a browser here: it drives Debian's Chromium.
const path = require('node:path');
const { defineConfig } = require('@playwright/test');

const CI = !!process.env.CI;
const PORT = Number(process.env.E2E_PORT || 8090);

/** '' | 'blog' | '/blog' | '/blog/' -> '/' | '/blog/' */
function normalizePrefix(p) {
  const trimmed = String(p || '/').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
const PREFIX = normalizePrefix(process.env.PUBLIC_URL);
const baseURL = `http://127.0.0.1:${PORT}${PREFIX}`;
const HOSTILE_PORT = PORT + 1;
process.env.E2E_HOSTILE_URL = `http://127.0.0.1:${HOSTILE_PORT}${PREFIX}`;
const EN_PORT = PORT + 2;
process.env.E2E_EN_URL = `http://127.0.0.1:${EN_PORT}${PREFIX}`;
// Excerpts of two real blogs as their generators lay them out (tests/fixtures/realworld).
const ZOLA_PORT = PORT + 3;
process.env.E2E_ZOLA_URL = `http://127.0.0.1:${ZOLA_PORT}${PREFIX}`;
const JEKYLL_PORT = PORT + 4;
process.env.E2E_JEKYLL_URL = `http://127.0.0.1:${JEKYLL_PORT}${PREFIX}`;
// Sixty generated posts (gen-corpus), for search with more results than a page shows at once.
// (PORT + 5, + 6, + 8 and + 9 are the servers offline, faults and serve start themselves.)
const MANY_PORT = PORT + 7;
process.env.E2E_MANY_URL = `http://127.0.0.1:${MANY_PORT}${PREFIX}`;
const repoRoot = path.resolve(__dirname, '..', '..');

// E2E_HOST=spa: every site is served as by a host with an SPA fallback
// (`make e2e-spa`); otherwise as by a plain static host.
const SPA = process.env.E2E_HOST === 'spa';

/** A static server for one built site: plain (no rewrites), or with an SPA fallback. */
function server(root, port) {
  return {
    command: [
      'python3', path.join(repoRoot, 'scripts', 'serve.py'),
      '--root', path.resolve(root),
      '--port', String(port),
      '--prefix', PREFIX,
      '--quiet',
      ...(SPA ? ['--spa'] : []),
    ].map((a) => JSON.stringify(a)).join(' '),
    cwd: __dirname,
    url: `http://127.0.0.1:${port}${PREFIX}`,
    reuseExistingServer: !CI,
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'pipe',
  };
}

module.exports = defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.js',
  outputDir: path.join(__dirname, 'test-results'),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  workers: CI ? 1 : 2,
  reporter: [['list'], [path.join(__dirname, 'summary-reporter.js')]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    // Dates on the page come from the bundle, not the machine's clock or zone.
    timezoneId: 'UTC',
    locale: 'ru-RU',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    server(process.env.E2E_DIST || path.join(repoRoot, 'dist'), PORT),
    // The hostile fixture corpus (tests/fixtures/hostile), built by `make test`.
    server(process.env.E2E_HOSTILE_DIST || path.join(repoRoot, 'build', 'hostile-site'), HOSTILE_PORT),
    // The same posts on a site whose language is English (`make fixture-sites`).
    server(process.env.E2E_EN_DIST || path.join(repoRoot, 'build', 'en-site'), EN_PORT),
    // A Zola and a Jekyll site built as they are (`make fixture-sites`).
    server(process.env.E2E_ZOLA_DIST || path.join(repoRoot, 'build', 'zola-site'), ZOLA_PORT),
    server(process.env.E2E_JEKYLL_DIST || path.join(repoRoot, 'build', 'jekyll-site'), JEKYLL_PORT),
    server(process.env.E2E_MANY_DIST || path.join(repoRoot, 'build', 'many-site'), MANY_PORT),
  ],
});
