// Service worker of the blog, written by blog-builder (crates/builder/src/offline.rs)
// from this template: the precache lists come from the build's own files, each
// with a content hash, so no file list is kept by hand. The shell's list is
// below; the content's is in the files CONFIG.content (chunks named by their
// hash, part of the shell: `[path, kilobytes]` per file, `[path, kilobytes, 1]`
// for a post's page, `~/` standing for this build's data folder), so this
// script stays small however many posts there
// are, and a new release takes the chunks that did not change from the old
// release's cache instead of downloading them again.
//
// One cache per release ("blog-<hash of every file>"); a new one installs beside the old one,
// waits until the open app accepts it ("skip-waiting"), then deletes the old
// caches. A page is therefore always served from one build's cache.
'use strict';

const CONFIG = /*CONFIG*/ { build: '', release: '', shell: [], content: [], cap: 0 };
const CACHE = `blog-${CONFIG.release}`;
const SCOPE = self.registration.scope;
const at = (path) => new URL(path, SCOPE).href;

// Hashes are appended as a query so a cached file is never mistaken for
// another build's file of the same name; lookups ignore the query.
const versioned = ([path, hash]) => `${at(path)}?v=${hash}`;

// Hosts with an SPA fallback answer a missing file with the app's HTML and
// status 200: only an HTML file may be HTML.
function isExpected(path, response) {
  const html = (response.headers.get('content-type') || '').includes('html');
  return response.ok && html === /\.html?$/.test(path);
}

// The build an entry page belongs to (`<meta name="blog-build">`): the page
// carries its route's data, which must be this release's.
const BUILD_META = /<meta name="blog-build" content="([^"]*)"/;

/** Whether `response` (expected, see isExpected) is a page of another build. */
async function isOtherBuild(response) {
  if (!(response.headers.get('content-type') || '').includes('html')) return false;
  const found = BUILD_META.exec(await response.clone().text());
  return found !== null && found[1] !== CONFIG.build;
}

async function put(cache, entry) {
  // Content-list chunks are named by their content: an older release's copy is the same file.
  if (entry[0].startsWith('offline/')) {
    const kept = await caches.match(at(entry[0]));
    if (kept) return cache.put(at(entry[0]), kept);
  }
  const response = await fetch(versioned(entry), { cache: 'no-cache' });
  if (!isExpected(entry[0], response)) throw new Error(`${entry[0]}: HTTP ${response.status}, ${response.headers.get('content-type')}`);
  // The host already serves a newer build: that release will keep its pages.
  if (await isOtherBuild(response)) throw new Error(`${entry[0]}: another build`);
  await cache.put(at(entry[0]), response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all(CONFIG.shell.map((e) => put(cache, e)))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('blog-') && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
      // The rest of the blog, in the background, up to the cap.
      cacheContent(false);
    })(),
  );
});

let contentList = null;

/** A chunk's path: `~/x` is this build's `data/<build>/x`. */
const expand = (path) => (path.startsWith('~/') ? `data/${CONFIG.build}/${path.slice(2)}` : path);

/** The content list: [path, version, bytes, is a post] per file, in caching order. */
function content() {
  contentList ??= (async () => {
    const cache = await caches.open(CACHE);
    const list = [];
    for (const chunk of CONFIG.content) {
      const response = (await cache.match(at(chunk))) || (await fetch(at(chunk)));
      if (!response.ok) throw new Error(`${chunk}: HTTP ${response.status}`);
      for (const [path, kb, post] of await response.json()) list.push([expand(path), CONFIG.release, kb * 1024, post === 1]);
    }
    return list;
  })().catch((error) => {
    contentList = null;
    throw error;
  });
  return contentList;
}

let caching = null;

/** Caches content files not yet cached; with `all`, beyond the cap too. */
function cacheContent(all) {
  if (caching && !all) return caching;
  const run = (async () => {
    const cache = await caches.open(CACHE);
    const list = await content();
    let bytes = 0;
    let done = 0;
    const total = list.length;
    for (const entry of list) {
      const [path, , size] = entry;
      if (await cache.match(at(path))) {
        bytes += size;
        done += 1;
        continue;
      }
      if (!all && bytes + size > CONFIG.cap) continue;
      try {
        await put(cache, entry);
        bytes += size;
        done += 1;
      } catch (e) {
        // Offline or gone: left for next time.
      }
      if (all) broadcast({ type: 'progress', done, total });
    }
    broadcast({ type: 'status', ...(await status()) });
  })();
  caching = run.finally(() => {
    caching = null;
  });
  return caching;
}

async function status() {
  const cache = await caches.open(CACHE);
  const list = await content();
  const posts = list.filter((entry) => entry[3]);
  let cachedPosts = 0;
  for (const [path] of posts) if (await cache.match(at(path))) cachedPosts += 1;
  let cached = 0;
  for (const [path] of list) if (await cache.match(at(path))) cached += 1;
  return { build: CONFIG.build, posts: posts.length, cachedPosts, files: list.length, cached };
}

async function broadcast(message) {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
}

self.addEventListener('message', (event) => {
  const reply = (m) => event.source && event.source.postMessage(m);
  switch (event.data && event.data.type) {
    case 'skip-waiting':
      self.skipWaiting();
      break;
    case 'cache-all':
      event.waitUntil(cacheContent(true));
      break;
    case 'status':
      event.waitUntil(status().then((s) => reply({ type: 'status', ...s })));
      break;
    default:
  }
});

function isNavigation(request) {
  return request.mode === 'navigate';
}

async function fromCache(request, url) {
  const cache = await caches.open(CACHE);
  const key = url.href.split('#')[0].split('?')[0];
  return (await cache.match(key)) || (key.endsWith('/') ? cache.match(`${key}index.html`) : undefined);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!url.href.startsWith(SCOPE)) return;
  // The app's fresh manifest (after a missing shard, or on a page of another
  // build) asks the host itself: this release's copy is what it looks past.
  // Offline, this release's copy is still the answer.
  if (request.cache === 'reload' && url.pathname.endsWith('/data/manifest.json')) {
    event.respondWith(fetch(request).catch(() => fromCache(request, url)));
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await fromCache(request, url);
      if (cached) return cached;
      try {
        const response = await fetch(request);
        // Files of this build that the reader opens (its data, the pages
        // whose data it reads) are kept, beyond the cap.
        const html = /\.html?$/.test(url.pathname);
        if (isExpected(url.pathname, response) && (html || url.pathname.includes(`/data/${CONFIG.build}/`))) {
          const copy = response.clone();
          isOtherBuild(response).then(async (other) => {
            if (!other) await caches.open(CACHE).then((c) => c.put(url.href.split('?')[0], copy));
          });
        }
        return response;
      } catch (error) {
        // Offline, any copy of a picture (media/<hash>/…) stands for the others.
        const picture = url.pathname.match(/^(.*\/media\/[0-9a-f]+\/)/);
        if (picture) {
          const cache = await caches.open(CACHE);
          const sibling = (await cache.keys()).find((k) => new URL(k.url).pathname.startsWith(picture[1]));
          if (sibling) return cache.match(sibling);
        }
        if (isNavigation(request)) {
          // Any route of the app works from the shell; the app routes it.
          const shell = await caches.open(CACHE).then((c) => c.match(at('index.html')));
          if (shell) return shell;
        }
        throw error;
      }
    })(),
  );
});
