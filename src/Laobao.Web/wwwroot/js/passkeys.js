// Passkeys on the e-desk (SPEC §11): "Sign in with a passkey" on the login page and "Add a passkey" on its own page.
// The browser's WebAuthn API does the work; this file only turns the server's options (base64url text) into the
// ArrayBuffers the API wants and its answer back into base64url text. No inline script: it reads its sentences
// from the JSON element #passkey-messages.
(function () {
  'use strict';

  var messagesElement = document.getElementById('passkey-messages');
  if (!messagesElement) {
    return;
  }

  var messages = JSON.parse(messagesElement.textContent);

  function toBuffer(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // The WebAuthn dictionaries refuse null where a member may only be absent.
  function withoutNulls(value) {
    if (Array.isArray(value)) {
      return value.map(withoutNulls);
    }
    if (value && typeof value === 'object') {
      var copy = {};
      Object.keys(value).forEach(function (key) {
        if (value[key] !== null && value[key] !== undefined) {
          copy[key] = withoutNulls(value[key]);
        }
      });
      return copy;
    }
    return value;
  }

  function token() {
    var input = document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : '';
  }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token() },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { ok: response.ok, status: response.status, json: json };
      });
    });
  }

  function say(box, key, code, kind) {
    box.textContent = messages[key] || messages['passkeyError.passkey.invalid'];
    box.dataset.code = code || '';
    box.className = 'alert ' + (kind || 'error');
  }

  function refused(box, result) {
    var code = result.json && result.json.code ? result.json.code : 'passkey.invalid';
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

  var signIn = document.getElementById('passkey-login');
  if (signIn) {
    var signInButton = document.getElementById('passkey-login-button');
    var signInBox = document.getElementById('passkey-message');
    signInButton.addEventListener('click', function () {
      if (!supported(signInBox)) {
        return;
      }
      signInButton.disabled = true;
      say(signInBox, 'passkeyLoginWorking', '', 'info');
      postJson(signIn.dataset.optionsUrl).then(function (start) {
        if (!start.ok) {
          refused(signInBox, start);
          return null;
        }
        var options = withoutNulls(start.json.options);
        options.challenge = toBuffer(options.challenge);
        (options.allowCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
        return navigator.credentials.get({ publicKey: options }).then(function (credential) {
          return postJson(signIn.dataset.loginUrl, {
            ceremonyId: start.json.ceremonyId,
            returnUrl: signIn.dataset.returnUrl || null,
            credential: {
              id: credential.id,
              rawId: toText(credential.rawId),
              type: credential.type,
              response: {
                authenticatorData: toText(credential.response.authenticatorData),
                clientDataJSON: toText(credential.response.clientDataJSON),
                signature: toText(credential.response.signature),
                userHandle: credential.response.userHandle ? toText(credential.response.userHandle) : null
              },
              clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
            }
          });
        }).then(function (result) {
          if (!result.ok) {
            refused(signInBox, result);
            return;
          }
          say(signInBox, 'passkeyLoginSuccess', 'ok', 'success');
          window.location.assign(safeRedirect(result.json.redirect, '/desk'));
        });
      }).catch(function (error) {
        failed(signInBox, error);
      }).finally(function () {
        signInButton.disabled = false;
      });
    });
  }

  var add = document.getElementById('passkey-add');
  if (add) {
    var addButton = document.getElementById('passkey-add-button');
    var addBox = document.getElementById('passkey-add-message');
    var nameInput = document.getElementById('passkey-name');
    add.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!supported(addBox)) {
        return;
      }
      addButton.disabled = true;
      say(addBox, 'passkeyAddWorking', '', 'info');
      postJson(add.dataset.optionsUrl, { name: nameInput.value }).then(function (start) {
        if (!start.ok) {
          refused(addBox, start);
          return null;
        }
        var options = withoutNulls(start.json.options);
        options.challenge = toBuffer(options.challenge);
        options.user.id = toBuffer(options.user.id);
        (options.excludeCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
        return navigator.credentials.create({ publicKey: options }).then(function (credential) {
          return postJson(add.dataset.registerUrl, {
            ceremonyId: start.json.ceremonyId,
            name: nameInput.value,
            credential: {
              id: credential.id,
              rawId: toText(credential.rawId),
              type: credential.type,
              response: {
                attestationObject: toText(credential.response.attestationObject),
                clientDataJSON: toText(credential.response.clientDataJSON)
              },
              clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
            }
          });
        }).then(function (result) {
          if (!result.ok) {
            refused(addBox, result);
            return;
          }
          window.location.assign(safeRedirect(result.json.redirect, '/desk/accounts'));
        });
      }).catch(function (error) {
        failed(addBox, error);
      }).finally(function () {
        addButton.disabled = false;
      });
    });
  }
}());
