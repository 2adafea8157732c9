// The device key (SPEC §6, §7): an ECDSA P-256 key pair made by WebCrypto with extractable=false and kept
// in IndexedDB as a CryptoKey object, so the private key can sign but can never be read, exported or sent.
// Signatures come out in IEEE P1363 form (r||s, 64 bytes), WebCrypto's native format; the public key is SPKI.
const dbName = 'laobao-device';
const storeName = 'keys';
const keyId = 'device-key';
const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };

function openDb() {
    return new Promise((resolve, reject) => {
        const request = indexedDB.open(dbName, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(storeName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
}

async function withStore(mode, action) {
    const db = await openDb();
    try {
        return await new Promise((resolve, reject) => {
            const tx = db.transaction(storeName, mode);
            const request = action(tx.objectStore(storeName));
            tx.oncomplete = () => resolve(request.result);
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
        });
    } finally {
        db.close();
    }
}

function toBase64Url(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (const b of bytes) {
        binary += String.fromCharCode(b);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function describe(pair, created) {
    const spki = await crypto.subtle.exportKey('spki', pair.publicKey);
    const digest = await crypto.subtle.digest('SHA-256', spki);
    return {
        publicKey: toBase64Url(spki),
        fingerprint: toBase64Url(digest).substring(0, 16),
        privateKeyExtractable: pair.privateKey.extractable,
        curve: pair.privateKey.algorithm.namedCurve,
        created: created,
    };
}

async function load() {
    return await withStore('readonly', store => store.get(keyId));
}

/** The stored key's public facts, or null when this browser has no key yet. */
export async function get() {
    const pair = await load();
    return pair ? await describe(pair, false) : null;
}

/** The stored key, or a new one made and stored now. */
export async function ensure() {
    const existing = await load();
    if (existing) {
        return await describe(existing, false);
    }
    const pair = await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
    await withStore('readwrite', store => store.put(pair, keyId));
    return await describe(pair, true);
}

/** Signs the UTF-8 bytes of a text with the device key; base64url of the P1363 signature. */
export async function sign(text) {
    const pair = await load();
    if (!pair) {
        throw new Error('This browser has no device key.');
    }
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(text));
    return toBase64Url(signature);
}

/** Forgets the key (after the device is unlinked): a new link makes a new key. */
export async function remove() {
    await withStore('readwrite', store => store.delete(keyId));
}
