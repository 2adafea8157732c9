// Card sign-in page (/desk/login). Talks to the person's card bridge the way government pages talk to
// HiPKI: a popup on the bridge's origin and postMessage (the bridge sends no CORS headers). The server
// checks everything again; the checks here only tell the person early, in their language, what to fix.
(function () {
  'use strict';

  var form = document.getElementById('card-login');
  if (!form) { return; }
  var messages = JSON.parse(document.getElementById('login-messages').textContent || '{}');
  var bridgeOrigin = new URL(form.dataset.bridgeOrigin).origin;
  var readyTimeout = parseInt(form.dataset.bridgeReadyTimeout, 10) || 10000;
  var responseTimeout = 120000;
  var idInput = document.getElementById('idNumber');
  var birthInput = document.getElementById('birthDate');
  var pinInput = document.getElementById('pin');
  var button = document.getElementById('login-button');
  var box = document.getElementById('login-message');

  function text(key, arg) {
    var value = messages[key] || messages['error.request.malformed'] || key;
    return arg === undefined ? value : value.replace('{0}', arg);
  }

  // ---- ID / ARC number: the rules of SPEC §1, mirrored from Laobao.Domain.Identity.TaiwanId ----
  var letterCodes = { A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
    N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33 };
  var weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

  function normalizeId(value) { return (value || '').normalize('NFKC').trim().toUpperCase(); }

  function checkId(value) {
    var id = normalizeId(value);
    if (id.length === 0) { return { ok: false, key: 'idEmpty' }; }
    if (id.length !== 10) { return { ok: false, key: 'idLength' }; }
    var digits;
    if (/^[A-Z][1289]\d{8}$/.test(id)) {
      digits = String(letterCodes[id[0]]) + id.slice(1);
    } else if (/^[A-Z][A-D]\d{8}$/.test(id)) {
      digits = String(letterCodes[id[0]]) + String(letterCodes[id[1]] % 10) + id.slice(2);
    } else {
      return { ok: false, key: 'idPattern' };
    }
    var sum = 0;
    for (var i = 0; i < 11; i++) { sum += Number(digits[i]) * weights[i]; }
    return sum % 10 === 0 ? { ok: true, key: 'idOk', value: id } : { ok: false, key: 'idChecksum' };
  }

  // ---- ROC date: compact YYYMMDD, YYY/MM/DD, YYY-MM-DD, YY/MM/DD (SPEC §1) ----
  function pad(number, width) { var s = String(number); while (s.length < width) { s = '0' + s; } return s; }

  function checkBirth(value) {
    var input = (value || '').normalize('NFKC').trim();
    if (input.length === 0) { return { ok: false, key: 'birthEmpty' }; }
    var match = /^(\d{3})(\d{2})(\d{2})$/.exec(input) || /^(\d{2,3})[\/-](\d{1,2})[\/-](\d{1,2})$/.exec(input);
    if (!match) { return { ok: false, key: 'birthFormat' }; }
    var rocYear = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
    if (rocYear < 1) { return { ok: false, key: 'birthYear' }; }
    if (month < 1 || month > 12) { return { ok: false, key: 'birthMonth' }; }
    var year = rocYear + 1911;
    var date = new Date(Date.UTC(year, month - 1, day));
    if (day < 1 || date.getUTCMonth() !== month - 1) { return { ok: false, key: 'birthDay' }; }
    if (date.getTime() > Date.now()) { return { ok: false, key: 'birthFuture' }; }
    var iso = pad(year, 4) + '-' + pad(month, 2) + '-' + pad(day, 2);
    return { ok: true, compact: pad(rocYear, 3) + pad(month, 2) + pad(day, 2), iso: iso };
  }

  function checkPin(value) {
    if (!value) { return { ok: false, key: 'pinEmpty' }; }
    return value.length >= 6 && value.length <= 8 ? { ok: true } : { ok: false, key: 'pinLength' };
  }

  function show(input, result, okText) {
    var status = document.getElementById(input.id + '-status');
    status.textContent = result.ok ? (okText || '') : text(result.key);
    status.className = 'field-status ' + (result.ok ? 'field-ok' : 'field-error');
    status.dataset.rule = result.ok ? 'ok' : result.key;
    input.setAttribute('aria-invalid', result.ok ? 'false' : 'true');
  }

  idInput.addEventListener('input', function () { show(idInput, checkId(idInput.value), text('idOk')); });
  birthInput.addEventListener('input', function () {
    var result = checkBirth(birthInput.value);
    show(birthInput, result, result.ok ? text('birthDateGregorian') + ' ' + result.iso : '');
  });
  pinInput.addEventListener('input', function () { if (pinInput.value.length >= 6) { show(pinInput, checkPin(pinInput.value)); } });

  function say(kind, message, code) {
    box.className = kind === 'info' ? 'alert' : 'alert ' + kind;
    box.textContent = message;
    box.dataset.code = code || '';
  }

  function Failure(key, arg) { this.key = key; this.arg = arg; }

  // ---- Bridge: one popup per call; only messages from the popup, on the bridge's origin, count ----
  function bridgeCall(payloadPromise) {
    return new Promise(function (resolve, reject) {
      var popup = window.open(bridgeOrigin + '/popupForm', 'laobaoCardBridge', 'width=420,height=320');
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
          }, function () { /* reported by the catch above */ });
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

  // HiPKI ret_code values (and the PKCS#11 CKR_ values it passes through) → what the person should do.
  var bridgeCodes = {};
  bridgeCodes[0x76000031] = 'bridge.notAllowed';
  bridgeCodes[0x76000006] = 'bridge.cancelled';
  bridgeCodes[0x76000003] = 'bridge.noCertificate';
  bridgeCodes[0x760000A0] = 'bridge.wrongPin';
  bridgeCodes[0x760000A4] = 'bridge.locked';
  bridgeCodes[0x760000E0] = 'bridge.noCard';
  bridgeCodes[0x000000A0] = 'bridge.wrongPin';
  bridgeCodes[0x000000A1] = 'bridge.wrongPin';
  bridgeCodes[0x000000A4] = 'bridge.locked';
  bridgeCodes[0x000000E0] = 'bridge.noCard';
  bridgeCodes[0x00000032] = 'bridge.noCard';

  function bridgeFailure(retCode) {
    var number = typeof retCode === 'string' ? parseInt(retCode, retCode.indexOf('0x') === 0 ? 16 : 10) : Number(retCode);
    var key = bridgeCodes[number];
    return key ? new Failure(key) : new Failure('bridge.other', '0x' + (number >>> 0).toString(16).toUpperCase());
  }

  function postJson(url, body) {
    var token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json }; },
        function () { return { ok: false, json: {} }; });
    }, function () { throw new Failure('error.network'); });
  }

  function serverFailure(json) {
    var key = 'error.' + (json && typeof json.code === 'string' ? json.code : 'request.malformed');
    return new Failure(messages[key] ? key : 'error.request.malformed');
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var id = checkId(idInput.value), birth = checkBirth(birthInput.value), pin = checkPin(pinInput.value);
    show(idInput, id, text('idOk'));
    show(birthInput, birth, birth.ok ? text('birthDateGregorian') + ' ' + birth.iso : '');
    show(pinInput, pin);
    if (!id.ok || !birth.ok || !pin.ok) {
      (!id.ok ? idInput : !birth.ok ? birthInput : pinInput).focus();
      return;
    }

    button.disabled = true;
    say('info', text('loginWorking'));
    // The popup must open inside the click; the challenge is fetched meanwhile and handed over when the popup is ready.
    var challenge = postJson(form.dataset.challengeUrl, { idNumber: id.value }).then(function (result) {
      if (!result.ok) { throw serverFailure(result.json); }
      return result.json;
    });
    var payload = challenge.then(function (c) {
      return { func: 'MakeSignature', signatureType: 'PKCS7', tbs: c.tbs, tbsEncoding: 'NONE', hashAlgorithm: 'SHA256',
        pin: pinInput.value, nonce: c.nonce, withCardSN: 'true' };
    });
    bridgeCall(payload).then(function (raw) {
      var reply;
      try { reply = JSON.parse(raw); } catch (e) { throw new Failure('bridge.other', '-'); }
      if (Number(reply.ret_code) !== 0) { throw bridgeFailure(reply.ret_code); }
      say('info', text('loginVerifying'));
      return postJson(form.dataset.loginUrl, { idNumber: id.value, birthDate: birth.compact, signature: reply.signature });
    }).then(function (result) {
      if (!result.ok) { throw serverFailure(result.json); }
      var target = typeof result.json.redirect === 'string' && /^\/[^\/\\]/.test(result.json.redirect) ? result.json.redirect : '/desk';
      say('success', text('loginSuccess'), 'ok');
      window.location.assign(target);
    }).catch(function (failure) {
      var key = failure instanceof Failure ? failure.key : 'error.network';
      say('error', text(key, failure instanceof Failure ? failure.arg : undefined), key.replace(/^error\./, ''));
      button.disabled = false;
    }).then(function () { pinInput.value = ''; });
  });
}());
