// Registered from a file, not inline, because the CSP forbids inline script.
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/app/service-worker.js', { scope: '/app/', updateViaCache: 'none' })
        .catch(error => console.warn('Laobao: service worker not registered', error));
}
