// Mobile services account pages (/desk/accounts/apply, /password, /email, /close). Checks each field as the
// person types, asks the server for the text to sign, has the card sign it through the shared HiPKI popup
// client (card-bridge.js, loaded first, as on the login page), then submits. The server checks everything again.
(function () {
  'use strict';

  var form = document.getElementById('account-sign');
  var card = window.LaobaoCard;
  if (!form || !card) { return; }
  var messages = JSON.parse(document.getElementById('account-messages').textContent || '{}');
  var bridgeOrigin = form.dataset.bridgeOrigin;
  var readyTimeout = parseInt(form.dataset.bridgeReadyTimeout, 10) || 10000;
  var Failure = card.Failure;
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
  // Card PIN: 6 to 8 letters and digits (MOICA); full-width forms are the same PIN (mirrors the bridge).
  function normalizePin(value) { return (value || '').normalize('NFKC'); }
  function checkPin(value) {
    var pin = normalizePin(value);
    if (!pin) { return 'pinEmpty'; }
    return /^[A-Za-z0-9]{6,8}$/.test(pin) ? null : 'pinLength';
  }

  function token() { return form.querySelector('input[name="__RequestVerificationToken"]').value; }

  function postJson(url, body) { return card.postJson(url, body, token()); }

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
  // The rule is shown as the person types: a wrong character at once, a short PIN as a hint until it is long enough.
  pinInput.addEventListener('input', function () {
    var pin = normalizePin(pinInput.value);
    var k = checkPin(pin);
    if (k && pin && pin.length < 6 && /^[A-Za-z0-9]*$/.test(pin)) {
      var status = document.getElementById('pin-status');
      status.textContent = text('pinLength');
      status.className = 'field-status';
      status.dataset.rule = 'pinLength';
      pinInput.removeAttribute('aria-invalid');
      return;
    }
    show('pin', !k, k);
  });

  function say(kind, message, code) {
    box.className = kind === 'info' ? 'alert' : 'alert ' + kind;
    box.textContent = message;
    box.dataset.code = code || '';
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
      if (!result.ok) { throw card.serverFailure(result.json, messages); }
      return result.json;
    });
    card.sign({ bridgeOrigin: bridgeOrigin, readyTimeout: readyTimeout, challenge: challenge, pin: normalizePin(pinInput.value) }).then(function (signature) {
      say('info', text('signVerifying'));
      request.signature = signature;
      return postJson(form.dataset.submitUrl, request);
    }).then(function (result) {
      if (!result.ok) { throw card.serverFailure(result.json, messages); }
      say('success', text('signDone'), 'ok');
      window.location.assign(card.safeRedirect(result.json.redirect, '/desk/accounts'));
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
