// Guichet's service worker: the quick-entry page opens without network.
//
// Kept on the device: the app's files, the quick-entry page, the gazetteer and the office's own
// records — nothing about visitors (entries waiting live in IndexedDB, see offline.js). Always
// asked of the network first, so that a tablet online sees the current version; the copy answers
// only when the network does not. A page that needs the network opens the quick entry instead.
// Signing out clears it all (offline.js, and the server's Clear-Site-Data).
"use strict";

const CACHE = "guichet-v1";
const SHELL = ["/static/app.css", "/static/app.js", "/static/offline.js", "/static/icon.svg", "/static/icon-192.png",
               "/static/icon-512.png", "/static/manifest.json"];
const KEPT = new Set([...SHELL, "/entry", "/api/communes/all", "/api/records/offline"]);
// A network this slow is as good as none at a stand: the copy answers after this long.
const PATIENCE_MS = 6000;

// An install that cannot finish (a fetch that never ends, storage still being cleared after a
// sign-out) fails after this long instead of leaving the worker installing for good: the next
// page opened installs it again.
const INSTALL_PATIENCE_MS = 15000;

self.addEventListener("install", (event) => {
  event.waitUntil(withPatience(caches.open(CACHE).then((cache) => cache.addAll(SHELL)), INSTALL_PATIENCE_MS)
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (KEPT.has(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => quickEntryInstead()));
  }
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(key);
  try {
    const response = await withPatience(fetch(request), copy ? PATIENCE_MS : null);
    // A signed-out visit is redirected to the sign-in page: that is not the page to keep.
    if (response.ok && !response.redirected) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    if (copy) return copy;
    throw error;
  }
}

function withPatience(promise, ms) {
  if (ms === null) return promise;
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("slow network")), ms))]);
}

async function quickEntryInstead() {
  if (await caches.match("/entry")) return Response.redirect("/entry", 303);
  return new Response("<!doctype html><meta charset=utf-8><title>Guichet</title><p>Pas de réseau. / No network.</p>",
                      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
