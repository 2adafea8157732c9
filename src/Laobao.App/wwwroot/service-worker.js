// Laobao app service worker: makes the app installable and lets it start offline.
// The app shell (framework files, scripts, styles, icons) is precached from the asset list the SDK
// writes at build time (service-worker-assets.js), with each file's integrity hash, into a cache named
// after that list's version, so a new build replaces the whole shell at once and never mixes versions.
// API answers (/api/...) are never cached here: the app keeps the last data it fetched itself, with the
// date it fetched it, so it can label it "offline" instead of showing it as current.
self.importScripts('./service-worker-assets.js');

const cacheNamePrefix = 'laobao-app-';
const cacheName = `${cacheNamePrefix}${self.assetsManifest.version}`;
const included = [/\.dll$/, /\.pdb$/, /\.wasm$/, /\.html$/, /\.js$/, /\.json$/, /\.css$/, /\.woff2?$/, /\.png$/, /\.webmanifest$/, /\.dat$/, /\.blat$/];
const excluded = [/^service-worker\.js$/];

self.addEventListener('install', event => event.waitUntil(onInstall()));
self.addEventListener('activate', event => event.waitUntil(onActivate()));
self.addEventListener('fetch', event => {
    const response = onFetch(event.request);
    if (response) {
        event.respondWith(response);
    }
});

async function onInstall() {
    const requests = self.assetsManifest.assets
        .filter(asset => included.some(pattern => pattern.test(asset.url)))
        .filter(asset => !excluded.some(pattern => pattern.test(asset.url)))
        // The SDK lists each file from the site root ("app/_framework/…", the app's base path included).
        .map(asset => new Request(new URL(asset.url, self.location.origin + '/'), { integrity: asset.hash, cache: 'no-cache' }));
    const cache = await caches.open(cacheName);
    await cache.addAll(requests);
    await self.skipWaiting();
}

async function onActivate() {
    const names = await caches.keys();
    await Promise.all(names
        .filter(name => name.startsWith(cacheNamePrefix) && name !== cacheName)
        .map(name => caches.delete(name)));
    await self.clients.claim();
}

function onFetch(request) {
    if (request.method !== 'GET') {
        return null;
    }
    const url = new URL(request.url);
    const scope = new URL(self.registration.scope);
    if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) {
        return null; // API calls and other pages of the host go straight to the network.
    }
    if (request.mode === 'navigate') {
        return navigate(request);
    }
    return fromCacheFirst(request);
}

// A fresh shell when online, the cached one when offline: a deep link like /app/coverage still starts.
async function navigate(request) {
    try {
        return await fetch(request);
    } catch {
        const cache = await caches.open(cacheName);
        return (await cache.match('index.html')) ?? Response.error();
    }
}

async function fromCacheFirst(request) {
    const cache = await caches.open(cacheName);
    return (await cache.match(request)) ?? fetch(request);
}
