// Card sign-in page (/desk/login). The card signs through the shared HiPKI popup client (card-bridge.js,
// loaded first). The server checks everything again; the checks here only tell the person early, in their
// language, what to fix.
(function () {
  'use strict';

  var form = document.getElementById('card-login');
  var card = window.LaobaoCard;
  if (!form || !card) { return; }
  var messages = JSON.parse(document.getElementById('login-messages').textContent || '{}');
  var bridgeOrigin = form.dataset.bridgeOrigin;
  var readyTimeout = parseInt(form.dataset.bridgeReadyTimeout, 10) || 10000;
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
    if (!match) { return gregorianBirth(input) || { ok: false, key: 'birthFormat' }; }
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

  // ---- Card PIN: 6 to 8 letters and digits (MOICA); full-width forms are the same PIN (mirrors the bridge) ----
  function normalizePin(value) { return (value || '').normalize('NFKC'); }

  // A Gregorian date typed into the ROC field (1990-05-01, 1990/5/1, 19900501): offer its ROC form instead of
  // only saying "7 digits", which a newcomer cannot act on.
  function gregorianBirth(input) {
    var g = /^(\d{4})(\d{2})(\d{2})$/.exec(input) || /^(\d{4})[\/.-](\d{1,2})[\/.-](\d{1,2})$/.exec(input);
    if (!g) { return null; }
    var year = Number(g[1]), month = Number(g[2]), day = Number(g[3]);
    var date = new Date(Date.UTC(year, month - 1, day));
    if (year < 1912 || month < 1 || month > 12 || day < 1 || date.getUTCMonth() !== month - 1 || date.getTime() > Date.now()) { return null; }
    var roc = pad(year - 1911, 3), mm = pad(month, 2), dd = pad(day, 2);
    var both = roc + '/' + mm + '/' + dd + ' (' + pad(year, 4) + '-' + mm + '-' + dd + ')';
    return { ok: false, key: 'birthLooksGregorian', message: text('birthLooksGregorian', both).replace('{1}', roc + mm + dd) };
  }

  function checkPin(value) {
    var pin = normalizePin(value);
    if (!pin) { return { ok: false, key: 'pinEmpty' }; }
    return /^[A-Za-z0-9]{6,8}$/.test(pin) ? { ok: true } : { ok: false, key: 'pinLength' };
  }

  function show(input, result, okText) {
    var status = document.getElementById(input.id + '-status');
    status.textContent = result.ok ? (okText || '') : (result.message || text(result.key));
    status.className = 'field-status ' + (result.ok ? 'field-ok' : 'field-error');
    status.dataset.rule = result.ok ? 'ok' : result.key;
    input.setAttribute('aria-invalid', result.ok ? 'false' : 'true');
  }

  idInput.addEventListener('input', function () { show(idInput, checkId(idInput.value), text('idOk')); });
  birthInput.addEventListener('input', function () {
    var result = checkBirth(birthInput.value);
    show(birthInput, result, result.ok ? text('birthDateGregorian') + ' ' + result.iso : '');
  });
  // The rule is shown as the person types: a wrong character at once, a short PIN as a hint until it is long enough.
  pinInput.addEventListener('input', function () {
    var pin = normalizePin(pinInput.value);
    var result = checkPin(pin);
    if (!result.ok && pin && pin.length < 6 && /^[A-Za-z0-9]*$/.test(pin)) {
      var status = document.getElementById('pin-status');
      status.textContent = text('pinLength');
      status.className = 'field-status';
      status.dataset.rule = 'pinLength';
      pinInput.removeAttribute('aria-invalid');
      return;
    }
    show(pinInput, result);
  });

  function say(kind, message, code) {
    box.className = kind === 'info' ? 'alert' : 'alert ' + kind;
    box.textContent = message;
    box.dataset.code = code || '';
  }

  var Failure = card.Failure;

  function token() { return form.querySelector('input[name="__RequestVerificationToken"]').value; }

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
    var challenge = card.postJson(form.dataset.challengeUrl, { idNumber: id.value }, token()).then(function (result) {
      if (!result.ok) { throw card.serverFailure(result.json, messages); }
      return result.json;
    });
    card.sign({ bridgeOrigin: bridgeOrigin, readyTimeout: readyTimeout, challenge: challenge, pin: normalizePin(pinInput.value) }).then(function (signature) {
      say('info', text('loginVerifying'));
      return card.postJson(form.dataset.loginUrl, { idNumber: id.value, birthDate: birth.compact, signature: signature }, token());
    }).then(function (result) {
      if (!result.ok) { throw card.serverFailure(result.json, messages); }
      say('success', text('loginSuccess'), 'ok');
      window.location.assign(card.safeRedirect(form.dataset.returnUrl || result.json.redirect, '/desk'));
    }).catch(function (failure) {
      var key = failure instanceof Failure ? failure.key : 'error.network';
      say('error', text(key, failure instanceof Failure ? failure.arg : undefined), key.replace(/^error\./, ''));
      button.disabled = false;
    }).then(function () { pinInput.value = ''; });
  });
}());
