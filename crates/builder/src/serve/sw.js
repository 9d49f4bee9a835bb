// `blog-builder serve`'s service worker: it removes itself and what an
// earlier one cached, so no page is answered from an older build.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) { return Promise.all(keys.map(function (k) { return caches.delete(k); })); })
      .then(function () { return self.registration.unregister(); }),
  );
});
