// Small browser facts the app needs that .NET in WebAssembly cannot read by itself (the document language and the
// browser's languages are read in-process at start, see Browser/BrowserFacts.cs).
export function isOnline() {
    return navigator.onLine;
}

export function userAgent() {
    return navigator.userAgent;
}

export function clearHash() {
    history.replaceState(null, '', location.pathname + location.search);
}

// Saves bytes fetched with the session's token (a statement PDF, the my-data ZIP) as a file: a plain link cannot
// carry the bearer token, so the app fetches, then hands the browser a blob to save under the server's file name.
export function saveFile(name, contentType, bytes) {
    const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
}
