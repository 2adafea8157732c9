// Registered from a file, not inline, because the CSP forbids inline script.
// Registered once the app is on screen (its language button is in the document), or after 10 s whatever happens:
// installing the worker precaches the whole shell (every framework file fetched again and checked against its
// integrity hash), and done at page load that competed with the first start for the CPU and the network.
if ('serviceWorker' in navigator) {
    let registered = false;
    const register = () => {
        if (registered) {
            return;
        }
        registered = true;
        navigator.serviceWorker.register('/app/service-worker.js', { scope: '/app/', updateViaCache: 'none' })
            .catch(error => console.warn('Laobao: service worker not registered', error));
    };
    const onScreen = () => document.getElementById('lang-switch') !== null;
    if (onScreen()) {
        register();
    } else {
        const observer = new MutationObserver(() => {
            if (onScreen()) {
                observer.disconnect();
                register();
            }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        setTimeout(() => {
            observer.disconnect();
            register();
        }, 10000);
    }
}
