// Passkeys on the e-desk (SPEC §11): "Sign in with a passkey" on the login page and "Add a passkey" on its own page.
// The WebAuthn conversions are the app's module (served at /app/js/passkey.js), shared so that both sides turn the
// server's options into what the browser wants in one way. No inline script: the sentences come from the JSON element
// #passkey-messages.
import { create, get } from '../app/js/passkey.js';

const messagesElement = document.getElementById('passkey-messages');
const messages = messagesElement ? JSON.parse(messagesElement.textContent) : null;

function token() {
  const input = document.querySelector('input[name="__RequestVerificationToken"]');
  return input ? input.value : '';
}

async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token() },
    body: JSON.stringify(body || {})
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  return { ok: response.ok, status: response.status, json: json };
}

function say(box, key, code, kind) {
  box.textContent = messages[key] || messages['passkeyError.passkey.invalid'];
  box.dataset.code = code || '';
  box.className = 'alert ' + (kind || 'error');
}

function refused(box, result) {
  const code = result.json && result.json.code ? result.json.code : 'passkey.invalid';
  say(box, 'passkeyError.' + code, code);
}

function failed(box, error) {
  if (error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
    say(box, 'passkeyCancelled', 'cancelled');
  } else if (error && error.name === 'SecurityError') {
    // The browser refuses WebAuthn here (an IP address as site, or no secure context): say passkeys cannot work.
    say(box, 'passkeyNotSupported', 'not-supported');
  } else if (error && error.name === 'InvalidStateError') {
    say(box, 'passkeyError.passkey.already-registered', 'passkey.already-registered');
  } else {
    say(box, 'passkeyError.passkey.invalid', 'client-error');
  }
}

function safeRedirect(value, fallback) {
  return typeof value === 'string' && /^\/[^\/\\]/.test(value) ? value : fallback;
}

function supported(box) {
  if (!window.PublicKeyCredential || !navigator.credentials) {
    say(box, 'passkeyNotSupported', 'not-supported');
    return false;
  }
  return true;
}

const signIn = messages && document.getElementById('passkey-login');
if (signIn) {
  const signInButton = document.getElementById('passkey-login-button');
  const signInBox = document.getElementById('passkey-message');
  signInButton.addEventListener('click', async () => {
    if (!supported(signInBox)) {
      return;
    }
    signInButton.disabled = true;
    say(signInBox, 'passkeyLoginWorking', '', 'info');
    try {
      const start = await postJson(signIn.dataset.optionsUrl);
      if (!start.ok) {
        refused(signInBox, start);
        return;
      }
      const credential = JSON.parse(await get(JSON.stringify(start.json.options)));
      const result = await postJson(signIn.dataset.loginUrl, {
        ceremonyId: start.json.ceremonyId,
        returnUrl: signIn.dataset.returnUrl || null,
        credential: credential
      });
      if (!result.ok) {
        refused(signInBox, result);
        return;
      }
      say(signInBox, 'passkeyLoginSuccess', 'ok', 'success');
      window.location.assign(safeRedirect(result.json.redirect, '/desk'));
    } catch (error) {
      failed(signInBox, error);
    } finally {
      signInButton.disabled = false;
    }
  });
}

const add = messages && document.getElementById('passkey-add');
if (add) {
  const addButton = document.getElementById('passkey-add-button');
  const addBox = document.getElementById('passkey-add-message');
  const nameInput = document.getElementById('passkey-name');
  add.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!supported(addBox)) {
      return;
    }
    addButton.disabled = true;
    say(addBox, 'passkeyAddWorking', '', 'info');
    try {
      const start = await postJson(add.dataset.optionsUrl, { name: nameInput.value });
      if (!start.ok) {
        refused(addBox, start);
        return;
      }
      // The e-desk takes any authenticator the browser offers (a security key, a phone), not only this device's own.
      const credential = JSON.parse(await create(JSON.stringify(start.json.options), false));
      const result = await postJson(add.dataset.registerUrl, {
        ceremonyId: start.json.ceremonyId,
        name: nameInput.value,
        credential: credential
      });
      if (!result.ok) {
        refused(addBox, result);
        return;
      }
      window.location.assign(safeRedirect(result.json.redirect, '/desk/accounts'));
    } catch (error) {
      failed(addBox, error);
    } finally {
      addButton.disabled = false;
    }
  });
}
