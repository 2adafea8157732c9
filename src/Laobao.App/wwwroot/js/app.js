// Small browser facts the app needs that .NET in WebAssembly cannot read by itself.
export function setDocumentLanguage(tag) {
    document.documentElement.lang = tag;
}

export function isOnline() {
    return navigator.onLine;
}

export function userAgent() {
    return navigator.userAgent;
}

export function clearHash() {
    history.replaceState(null, '', location.pathname + location.search);
}
