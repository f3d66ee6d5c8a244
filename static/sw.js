// Async Espresso's service worker: after the first visit the app works with
// the network off. Registered by static/register-sw.js; its scope is the
// folder it is served from, so the app can live under any sub-path.
//
// Every build stamps the two constants below (scripts/post-build.mjs):
// BUILD_ID is a digest of the whole shell, so a new build is a new worker
// with its own cache, and the old caches are deleted when it takes over.
//
//   - The page (index.html, asked for as the folder or by name): network
//     first, the cached copy of this build when the network fails.
//   - Every other file of the shell (hashed JS, wasm, CSS, favicon):
//     cache first. Their names change with their content.
//   - Anything else: the network, untouched.
const BUILD_ID = 'unbuilt';
const SHELL = ['./'];

const PREFIX = 'async-espresso-';
const CACHE = PREFIX + BUILD_ID;
const scope = new URL(self.registration.scope);
const shell = new Set(SHELL.map((path) => new URL(path, scope).href));
const page = new URL('./', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'reload': straight from the server, never from the HTTP cache.
      await cache.addAll(SHELL.map((path) => new Request(new URL(path, scope), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

/** The request without its query, as a URL string. */
function withoutQuery(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  return url.href;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') {
    return;
  }
  const url = withoutQuery(request);
  if (request.mode === 'navigate') {
    if (url === page || url === page + 'index.html') {
      event.respondWith(
        fetch(request).catch(async () => (await caches.match(page, { cacheName: CACHE })) ?? Response.error()),
      );
    }
    return;
  }
  if (shell.has(url)) {
    event.respondWith(
      (async () => (await caches.match(url, { cacheName: CACHE })) ?? fetch(request))(),
    );
  }
});
