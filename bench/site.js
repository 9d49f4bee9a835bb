// Shared by the benchmark scripts: a built site served by scripts/serve.py (a
// plain static server, as the end-to-end tests use) and Debian's Chromium
// driven through the e2e suite's Playwright (make test installs both).
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.join(__dirname, '..');
const { chromium } = require(path.join(root, 'tests', 'e2e', 'node_modules', '@playwright', 'test'));

/**
 * Serves `dir` on `port` (gzip-compressed with `{ gzip: true }`), runs
 * `fn(browser, origin)` in a fresh Chromium, then stops both.
 */
async function withSite(dir, port, fn, { gzip = false } = {}) {
  const args = [path.join(root, 'scripts', 'serve.py'), '--root', dir, '--port', String(port), '--quiet'];
  const server = spawn('python3', gzip ? [...args, '--gzip'] : args);
  try {
    await new Promise((resolve, reject) => {
      server.stdout.once('data', resolve);
      server.once('exit', (code) => reject(new Error(`serve.py exited with ${code}`)));
    });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      return await fn(browser, `http://127.0.0.1:${port}`);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}

/** Runs the script's `main`; on failure prints the error and exits with status 1. */
function run(main) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { withSite, run };
