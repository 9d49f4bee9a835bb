// @ts-check
// A static server over a copy of a built site that a test can stop (offline),
// or redeploy under an open page, as a plain host or as one with an SPA
// fallback (every missing file answered with index.html and 200), applying the
// build's `_headers` as Netlify and Cloudflare Pages do when asked.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { routeData, routeFile } = require('./fixtures');

const repo = path.resolve(__dirname, '..', '..');
const PREFIX = (() => {
  const t = String(process.env.PUBLIC_URL || '/').replace(/^\/+|\/+$/g, '');
  return t ? `/${t}/` : '/';
})();

/** Serves a copy of `site` on `port` until `stop()`; `swap(other)` deploys another build in place. */
async function deploy(site, port, { spa = false, headers = false } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-e2e-'));
  fs.cpSync(site, root, { recursive: true });
  const args = [path.join(repo, 'scripts', 'serve.py'), '--root', root, '--port', String(port), '--prefix', PREFIX, '--quiet'];
  if (spa) args.push('--spa');
  if (headers) args.push('--headers');
  const server = spawn('python3', args);
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', (code) => reject(new Error(`serve.py exited with ${code}`)));
  });
  return {
    swap(other) {
      for (const name of fs.readdirSync(root)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
      fs.cpSync(other, root, { recursive: true });
    },
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill();
        await exited;
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

const manifestOf = (site) => JSON.parse(fs.readFileSync(path.join(site, 'data', 'manifest.json'), 'utf8'));
function postsOf(site) {
  const m = manifestOf(site);
  const posts = [];
  for (let n = 1; n <= m.page_count; n += 1) {
    const route = n > 1 ? `/page/${n}/` : '/';
    posts.push(...routeData(fs.readFileSync(path.join(site, routeFile(route)), 'utf8'), route).posts);
  }
  return posts;
}

module.exports = { deploy, manifestOf, postsOf, PREFIX, repo };
