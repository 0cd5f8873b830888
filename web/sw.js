// The service worker: keeps every file of one build of RACI Workshop in one cache, so the app opens
// and works with the network off after one visit, and a page never mixes files of two builds.
//
// This is a template: scripts/post-build.mjs (a trunk post_build hook) fills in the build's version
// (a hash of every file below) and the list of files, taken from what trunk wrote, and writes the
// result as sw.js next to index.html. Any change to the build changes this file, which is how the
// browser notices a new deployment.
const VERSION = "{{BUILD_VERSION}}";
const FILES = ["{{BUILD_FILES}}"];
const PREFIX = "raci-workshop-";
const CACHE = PREFIX + VERSION;

// A new build fetches all of its files into its own cache. A file whose name carries a hash of its
// content may come from the browser's HTTP cache (the page has just loaded it: no second download);
// the others (index.html, the xlsx worker...) keep their names from build to build, so they are
// fetched past that cache ("reload"), which may still hold the previous build's.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;
self.addEventListener("install", (event) => {
  const request = (file) => (HASHED.test(file) ? file : new Request(file, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(request))));
});

// A new build waits while an older one runs in a tab, until the user chooses "Reload" (offline.js
// sends this message); then the page reloads on the new build.
self.addEventListener("message", (event) => {
  if (event.data === "raci-workshop:activate") self.skipWaiting();
});

// Once this build is the one pages use, the caches of earlier builds go.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
      ),
  );
});

// Files of this build come from this build's cache; anything else goes to the network as it would
// without a worker. Opening the app's address (with any query) gets this build's index.html.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let file = decodeURIComponent(url.pathname.slice(scope.pathname.length));
  if (request.mode === "navigate" && file === "") file = "index.html";
  if (!FILES.includes(file)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(file))
      .then((cached) => cached || fetch(request)),
  );
});
