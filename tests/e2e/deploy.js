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
      // File by file, each put in place by a rename, then what `other` lacks
      // removed, as hosts that upload a build file by file do: a request
      // meanwhile gets one build's file or the other's, never a missing one
      // (emptying the folder first left a window in which the open page's
      // manifest was a 404).
      const put = (from, to) => {
        fs.mkdirSync(to, { recursive: true });
        for (const e of fs.readdirSync(from, { withFileTypes: true })) {
          const [src, dst] = [path.join(from, e.name), path.join(to, e.name)];
          if (e.isDirectory()) {
            put(src, dst);
          } else {
            fs.copyFileSync(src, `${dst}.swap`);
            fs.renameSync(`${dst}.swap`, dst);
          }
        }
      };
      const prune = (from, to) => {
        for (const e of fs.readdirSync(to, { withFileTypes: true })) {
          const [src, dst] = [path.join(from, e.name), path.join(to, e.name)];
          if (!fs.existsSync(src)) fs.rmSync(dst, { recursive: true, force: true });
          else if (e.isDirectory()) prune(src, dst);
        }
      };
      put(other, root);
      prune(other, root);
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
