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

// The browser's languages in order of preference (navigator.languages), for the app's first start.
export function languages() {
    return Array.from(navigator.languages || (navigator.language ? [navigator.language] : []));
}

export function setTitle(title) {
    document.title = title;
}
