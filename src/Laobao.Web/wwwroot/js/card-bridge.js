// The HiPKI popup client, shared by every page that has the card sign something (sign-in, the account
// application and its changes). It talks to the person's card bridge the way government pages talk to HiPKI:
// a popup on the bridge's origin and postMessage, because the bridge sends no CORS headers. Pages load this
// file before their own script and use window.LaobaoCard; nothing here touches the page's markup.
(function () {
  'use strict';

  var responseTimeout = 120000;

  /** A problem the page shows as the sentence of its copy-deck key (arg fills {0}; errors are per-field codes). */
  function Failure(key, arg, errors) { this.key = key; this.arg = arg; this.errors = errors; }

  // ---- One popup per call; only messages from that popup, on the bridge's origin, count ----
  function bridgeCall(bridgeOrigin, readyTimeout, payloadPromise) {
    return new Promise(function (resolve, reject) {
      // The popup speaks the language of this page.
      var lang = (document.documentElement.lang || '').indexOf('en') === 0 ? 'en' : 'zh-TW';
      var popup = window.open(bridgeOrigin + '/popupForm?lang=' + lang, 'laobaoCardBridge', 'width=420,height=320');
      if (!popup) { reject(new Failure('bridge.popupBlocked')); return; }
      var ready = false, done = false;
      function finish(error, value) {
        if (done) { return; }
        done = true;
        window.removeEventListener('message', onMessage);
        clearTimeout(readyTimer); clearTimeout(responseTimer); clearInterval(closedPoll);
        if (error) { if (!popup.closed) { popup.close(); } reject(error); } else { resolve(value); }
      }
      function onMessage(event) {
        if (event.origin !== bridgeOrigin || event.source !== popup || typeof event.data !== 'string') { return; }
        if (!ready) {
          var signal;
          try { signal = JSON.parse(event.data); } catch (e) { return; }
          if (!signal || signal.func !== 'getTbs') { return; }
          ready = true;
          clearTimeout(readyTimer);
          payloadPromise.then(function (payload) {
            if (!done) { popup.postMessage(JSON.stringify(payload), bridgeOrigin); }
          }, function () { /* reported by the catch below */ });
          return;
        }
        finish(null, event.data);
      }
      window.addEventListener('message', onMessage);
      payloadPromise.catch(function (error) { finish(error); });
      var readyTimer = setTimeout(function () { if (!ready) { finish(new Failure('bridge.notRunning')); } }, readyTimeout);
      var responseTimer = setTimeout(function () { finish(new Failure('bridge.notRunning')); }, responseTimeout);
      var closedPoll = setInterval(function () {
        if (popup.closed) { finish(new Failure(ready ? 'bridge.cancelled' : 'bridge.notRunning')); }
      }, 500);
    });
  }

  // HiPKI ret_code values (docs/card-bridge.md) → what the person should do next.
  var bridgeCodes = {};
  bridgeCodes[0x76000006] = 'bridge.noCard';
  bridgeCodes[0x76000031] = 'bridge.notAllowed';
  bridgeCodes[0x76000998] = 'pinEmpty';
  bridgeCodes[0x76100001] = 'bridge.middleware';
  bridgeCodes[0x76100004] = 'bridge.middleware';
  bridgeCodes[0x7610000C] = 'bridge.noCertificate';
  bridgeCodes[0x7610000D] = 'bridge.noCertificate';
  var pinLoginFailed = 0x76100006;

  function asNumber(value) {
    if (typeof value === 'string') { return /^0x/i.test(value) ? parseInt(value, 16) : parseInt(value, 10); }
    return Number(value);
  }

  function bridgeFailure(retCode, lastError) {
    var code = asNumber(retCode) >>> 0;
    if (code === pinLoginFailed) {
      // last_error as HiCOS reports it: tries left, locked, or a PIN of the wrong form.
      var detail = asNumber(lastError) >>> 0;
      if (detail === 0x80000002) { return new Failure('bridge.wrongPin2'); }
      if (detail === 0x80000001) { return new Failure('bridge.wrongPin1'); }
      if (detail === 0xA4) { return new Failure('bridge.locked'); }
      if (detail === 0xA2) { return new Failure('pinLength'); }
      return new Failure('bridge.wrongPin');
    }
    var key = bridgeCodes[code];
    return key ? new Failure(key) : new Failure('bridge.other', '0x' + code.toString(16).toUpperCase());
  }

  /**
   * Has the card sign the server's text. options: bridgeOrigin, readyTimeout (ms), challenge (a promise of the
   * server's {tbs, nonce}), pin. Call it inside the click: the popup must open there, and the challenge is handed
   * over when the popup says it is ready. Resolves with the base64 CMS; rejects with a Failure.
   */
  function sign(options) {
    var origin;
    try { origin = new URL(options.bridgeOrigin).origin; } catch (e) { return Promise.reject(new Failure('bridge.notRunning')); }
    var payload = options.challenge.then(function (c) {
      return { func: 'MakeSignature', signatureType: 'PKCS7', tbs: c.tbs, tbsEncoding: 'NONE', hashAlgorithm: 'SHA256',
        pin: options.pin, nonce: c.nonce, withCardSN: 'true' };
    });
    return bridgeCall(origin, options.readyTimeout || 10000, payload).then(function (raw) {
      var reply;
      try { reply = JSON.parse(raw); } catch (e) { throw new Failure('bridge.other', '-'); }
      if (asNumber(reply.ret_code) !== 0) { throw bridgeFailure(reply.ret_code, reply.last_error); }
      return reply.signature;
    });
  }

  /** POSTs JSON with the antiforgery token; resolves {ok, json, status}; a network failure is Failure('error.network'). */
  function postJson(url, body, token) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json, status: response.status }; },
        function () { return { ok: false, json: {}, status: response.status }; });
    }, function () { throw new Failure('error.network'); });
  }

  /**
   * The sentence key of a server problem document: error.<code> when the page has it, else the general one.
   * A refusal that says when to try again (retryAt, already in the person's calendars) fills the sentence's {0}.
   */
  function serverFailure(json, messages) {
    var code = json && typeof json.code === 'string' ? json.code : 'request.malformed';
    var key = 'error.' + code;
    var when = json && typeof json.retryAt === 'string' ? json.retryAt : undefined;
    return new Failure(messages[key] ? key : 'error.request.malformed', when, json && json.errors);
  }

  /** Only a same-site path may be followed after a success; anything else goes to the fallback. */
  function safeRedirect(value, fallback) {
    return typeof value === 'string' && /^\/[^\/\\]/.test(value) ? value : fallback;
  }

  window.LaobaoCard = Object.freeze({
    Failure: Failure,
    sign: sign,
    postJson: postJson,
    serverFailure: serverFailure,
    safeRedirect: safeRedirect
  });
}());
