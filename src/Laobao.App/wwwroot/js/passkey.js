// The app's platform passkey (SPEC §11): WebAuthn through the browser, the server's options (base64url text) turned
// into the ArrayBuffers the API wants and its answer back into the JSON the server reads. The device key (device-key.js)
// still signs every sign-in; this module only adds the passkey.
function toBuffer(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
        bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
}

function toText(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (const b of bytes) {
        binary += String.fromCharCode(b);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The WebAuthn dictionaries refuse null where a member may only be absent.
function withoutNulls(value) {
    if (Array.isArray(value)) {
        return value.map(withoutNulls);
    }
    if (value && typeof value === 'object') {
        const copy = {};
        for (const [key, item] of Object.entries(value)) {
            if (item !== null && item !== undefined) {
                copy[key] = withoutNulls(item);
            }
        }
        return copy;
    }
    return value;
}

/** Whether this browser can make a platform passkey at all. */
export async function supported() {
    return !!(window.PublicKeyCredential && navigator.credentials
        && await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
}

/** Registration: the creation options JSON in, the credential JSON out. */
export async function create(optionsJson) {
    const options = withoutNulls(JSON.parse(optionsJson));
    options.challenge = toBuffer(options.challenge);
    options.user.id = toBuffer(options.user.id);
    (options.excludeCredentials || []).forEach(c => { c.id = toBuffer(c.id); });
    options.authenticatorSelection = Object.assign({}, options.authenticatorSelection, { authenticatorAttachment: 'platform' });
    const credential = await navigator.credentials.create({ publicKey: options });
    return JSON.stringify({
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        response: {
            attestationObject: toText(credential.response.attestationObject),
            clientDataJSON: toText(credential.response.clientDataJSON),
        },
        clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
    });
}

/** Sign-in: the request options JSON in, the assertion JSON out. */
export async function get(optionsJson) {
    const options = withoutNulls(JSON.parse(optionsJson));
    options.challenge = toBuffer(options.challenge);
    (options.allowCredentials || []).forEach(c => { c.id = toBuffer(c.id); });
    const credential = await navigator.credentials.get({ publicKey: options });
    return JSON.stringify({
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        response: {
            authenticatorData: toText(credential.response.authenticatorData),
            clientDataJSON: toText(credential.response.clientDataJSON),
            signature: toText(credential.response.signature),
            userHandle: credential.response.userHandle ? toText(credential.response.userHandle) : null,
        },
        clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
    });
}
