// Mobile services account pages (/desk/accounts/apply, /password, /email, /close). Checks each field as the
// person types, asks the server for the text to sign, has the card sign it through the bridge popup (the same
// HiPKI protocol as the login page), then submits. The server checks everything again.
(function () {
  'use strict';

  var form = document.getElementById('account-sign');
  if (!form) { return; }
  var messages = JSON.parse(document.getElementById('account-messages').textContent || '{}');
  var bridgeOrigin = new URL(form.dataset.bridgeOrigin).origin;
  var readyTimeout = parseInt(form.dataset.bridgeReadyTimeout, 10) || 10000;
  var responseTimeout = 120000;
  var action = form.dataset.action || '';
  var button = document.getElementById('sign-button');
  var box = document.getElementById('sign-message');
  var pinInput = document.getElementById('pin');
  var inputs = {};
  Array.prototype.forEach.call(form.querySelectorAll('[data-field]'), function (input) { inputs[input.dataset.field] = input; });

  function text(key, arg) {
    var value = messages[key] || messages['error.request.malformed'] || key;
    return arg === undefined ? value : value.replace('{0}', arg);
  }

  function show(name, ok, key) {
    var input = name === 'pin' ? pinInput : inputs[name];
    if (!input) { return; }
    var status = document.getElementById(input.id + '-status');
    status.textContent = key ? text(key) : '';
    status.className = 'field-status ' + (ok ? 'field-ok' : 'field-error');
    status.dataset.rule = key || '';
    input.setAttribute('aria-invalid', ok ? 'false' : 'true');
  }

  // ---- Field rules, mirrored from AccountInput and PasswordPolicy (SPEC §5) ----
  var emailPattern = /^[^\s@"(),:;<>\[\]\\]{1,64}@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  function checkEmail(value) {
    var email = (value || '').normalize('NFKC').trim().toLowerCase();
    if (!email) { return 'email.empty'; }
    return email.length <= 254 && emailPattern.test(email) ? null : 'email.format';
  }
  function checkMobile(value) {
    var mobile = (value || '').normalize('NFKC').replace(/[\s-]/g, '');
    if (!mobile) { return null; }
    if (mobile.indexOf('+8869') === 0) { mobile = '0' + mobile.slice(4); }
    return /^09\d{8}$/.test(mobile) ? null : 'mobile.format';
  }
  function passwordLength(value) { return Array.from((value || '').normalize('NFC')).length; }
  function checkPasswordLocally(value) {
    if (!value) { return 'password.empty'; }
    var length = passwordLength(value);
    if (length < 12) { return 'password.too-short'; }
    if (length > 128) { return 'password.too-long'; }
    return null;
  }
  function checkConfirm() {
    if (!inputs.confirmPassword) { return null; }
    return inputs.confirmPassword.value === inputs.password.value ? null : 'password.mismatch';
  }
  function checkPin(value) {
    if (!value) { return 'pinEmpty'; }
    return value.length >= 6 && value.length <= 8 ? null : 'pinLength';
  }

  function token() { return form.querySelector('input[name="__RequestVerificationToken"]').value; }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token() },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json }; },
        function () { return { ok: false, json: {} }; });
    }, function () { throw new Failure('error.network'); });
  }

  // Strength needs the server's zxcvbn: asked after a pause in typing, only once the length is right.
  var strengthTimer = null, strengthSeq = 0;
  function checkPasswordAsTyped() {
    var local = checkPasswordLocally(inputs.password.value);
    clearTimeout(strengthTimer);
    if (local) { show('password', false, local); return; }
    show('password', true, 'password.checking');
    var seq = ++strengthSeq;
    strengthTimer = setTimeout(function () {
      postJson(form.dataset.passwordCheckUrl, { password: inputs.password.value.normalize('NFC'), email: inputs.email ? inputs.email.value : '' })
        .then(function (result) {
          if (seq !== strengthSeq || !result.ok) { return; }
          show('password', !result.json.code, result.json.code || 'password.ok');
        }, function () { /* the submit checks again */ });
    }, 400);
  }

  if (inputs.email) { inputs.email.addEventListener('input', function () { var k = checkEmail(inputs.email.value); show('email', !k, k || 'email.ok'); }); }
  if (inputs.mobile) { inputs.mobile.addEventListener('input', function () { var k = checkMobile(inputs.mobile.value); show('mobile', !k, k || (inputs.mobile.value ? 'mobile.ok' : '')); }); }
  if (inputs.password && form.dataset.passwordCheckUrl) { inputs.password.addEventListener('input', checkPasswordAsTyped); }
  if (inputs.confirmPassword) {
    var onConfirm = function () { if (inputs.confirmPassword.value) { var k = checkConfirm(); show('confirmPassword', !k, k || 'confirm.ok'); } };
    inputs.confirmPassword.addEventListener('input', onConfirm);
    inputs.password.addEventListener('input', onConfirm);
  }
  pinInput.addEventListener('input', function () { if (pinInput.value.length >= 6) { var k = checkPin(pinInput.value); show('pin', !k, k); } });

  function say(kind, message, code) {
    box.className = kind === 'info' ? 'alert' : 'alert ' + kind;
    box.textContent = message;
    box.dataset.code = code || '';
  }

  function Failure(key, arg, errors) { this.key = key; this.arg = arg; this.errors = errors; }

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

  function serverFailure(json) {
    var code = json && typeof json.code === 'string' ? json.code : 'request.malformed';
    var key = 'error.' + code;
    return new Failure(messages[key] ? key : 'error.request.malformed', undefined, json && json.errors);
  }

  function body() {
    var value = { action: action };
    // Passwords go in Unicode NFC: the same characters typed on any keyboard must hash alike, and the server has no ICU.
    Object.keys(inputs).forEach(function (name) {
      value[name] = /password/i.test(name) ? inputs[name].value.normalize('NFC') : inputs[name].value;
    });
    return value;
  }

  // Field problems the person can see before anything is signed.
  function localProblems() {
    var problems = {};
    if (inputs.email) { var e = checkEmail(inputs.email.value); if (e) { problems.email = e; } }
    if (inputs.password) { var p = checkPasswordLocally(inputs.password.value); if (p) { problems.password = p; } }
    var c = checkConfirm(); if (c) { problems.confirmPassword = c; }
    if (inputs.mobile) { var m = checkMobile(inputs.mobile.value); if (m) { problems.mobile = m; } }
    var pin = checkPin(pinInput.value); if (pin) { problems.pin = pin; }
    return problems;
  }

  var busy = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) { return; } // a double click never sends a second application
    var problems = localProblems();
    Object.keys(problems).forEach(function (name) { show(name, false, problems[name]); });
    var first = Object.keys(problems)[0];
    if (first) {
      say('error', text('fieldsNeedAttention'), 'fields');
      (first === 'pin' ? pinInput : inputs[first]).focus();
      return;
    }

    busy = true;
    button.disabled = true;
    say('info', text('signWorking'));
    var request = body();
    // The popup must open inside the click; the challenge is fetched meanwhile and handed over when it is ready.
    var challenge = postJson(form.dataset.challengeUrl, request).then(function (result) {
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
      say('info', text('signVerifying'));
      request.signature = reply.signature;
      return postJson(form.dataset.submitUrl, request);
    }).then(function (result) {
      if (!result.ok) { throw serverFailure(result.json); }
      var target = typeof result.json.redirect === 'string' && /^\/[^\/\\]/.test(result.json.redirect) ? result.json.redirect : '/desk/accounts';
      say('success', text('signDone'), 'ok');
      window.location.assign(target);
    }).catch(function (failure) {
      var key = failure instanceof Failure ? failure.key : 'error.network';
      if (failure instanceof Failure && failure.errors) {
        Object.keys(failure.errors).forEach(function (name) {
          var code = failure.errors[name] === 'account.email-taken' ? 'email.taken' : failure.errors[name];
          show(name, false, code);
        });
      }
      say('error', text(key, failure instanceof Failure ? failure.arg : undefined), key.replace(/^error\./, ''));
      busy = false;
      button.disabled = false;
    }).then(function () { pinInput.value = ''; });
  });
}());
