// The HiPKI popupForm flow: tell the opener we are ready, take one request, run it on this origin,
// post the raw answer back to the opener's origin, close. One popup per call.
(function () {
  'use strict';
  var routes = {
    MakeSignature: { method: 'POST', path: '/sign' },
    GetUserCert: { method: 'GET', path: '/pkcs11info?withcert=true' },
    CheckEnvir: { method: 'GET', path: '/pkcs11info' }
  };
  var answered = false;

  function reply(origin, text) {
    window.opener.postMessage(text, origin);
    window.close();
  }

  function failure(func, code) {
    return JSON.stringify({ func: String(func), ret_code: code, last_error: 0 });
  }

  window.addEventListener('message', function (event) {
    if (answered || !window.opener || event.source !== window.opener || typeof event.data !== 'string') {
      return;
    }
    answered = true;
    var request;
    try {
      request = JSON.parse(event.data);
    } catch (e) {
      reply(event.origin, failure('unknown', 0x7600000B));
      return;
    }
    var route = request && routes[request.func];
    if (!route) {
      reply(event.origin, failure(request && request.func, 0x7600000E));
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open(route.method, route.path);
    // The browser vouches for event.origin; the bridge checks it against its allow-list.
    xhr.setRequestHeader('X-HiPKI-Caller-Origin', event.origin);
    xhr.onload = function () { reply(event.origin, xhr.responseText); };
    xhr.onerror = function () { reply(event.origin, failure(request.func, 0x7600000D)); };
    if (route.method === 'POST') {
      xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
      xhr.send('tbsPackage=' + encodeURIComponent(event.data));
    } else {
      xhr.send();
    }
  });

  if (window.opener) {
    window.opener.postMessage(JSON.stringify({ func: 'getTbs' }), '*');
  }
})();
