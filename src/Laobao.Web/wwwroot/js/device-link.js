// 認證裝置 page (/desk/devices): draws a fresh link ticket every 10 s (so a screenshot goes stale), watches for a
// phone that presented one, and offers the numbers to pick. The server decides everything; this only shows it.
(function () {
  'use strict';

  var section = document.getElementById('device-link');
  if (!section) { return; }
  var messages = JSON.parse(document.getElementById('device-link-messages').textContent || '{}');
  var token = section.querySelector('input[name="__RequestVerificationToken"]').value;
  var qr = document.getElementById('link-qr');
  var manual = document.getElementById('link-manual');
  var expires = document.getElementById('link-expires');
  var pendingBox = document.getElementById('link-pending');
  var deviceLabel = document.getElementById('link-device');
  var choices = document.getElementById('link-choices');
  var message = document.getElementById('link-message');
  var redrawTimer = null;
  var pendingTimer = null;
  var shownLink = null;

  function say(key) { message.textContent = messages[key] || key; }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify(body || {})
    });
  }

  function redraw() {
    post(section.dataset.ticketUrl).then(function (response) {
      if (response.status === 403) { say('needsActivation'); stop(); return null; }
      if (!response.ok) { say('error'); return null; }
      return response.json();
    }).then(function (ticket) {
      if (!ticket) { return; }
      qr.src = ticket.qr;
      manual.textContent = ticket.manualCode;
      expires.textContent = ticket.expiresDisplay;
      clearTimeout(redrawTimer);
      redrawTimer = setTimeout(redraw, (ticket.redrawSeconds || 10) * 1000);
    }).catch(function () { say('error'); });
  }

  function pick(linkId, number) {
    post(section.dataset.confirmUrl, { linkId: linkId, choice: number }).then(function (response) {
      return response.ok ? response.json() : { status: 'expired' };
    }).then(function (result) {
      pendingBox.hidden = true;
      shownLink = null;
      say(result.status === 'linked' ? 'linked' : result.status === 'refused' ? 'refused' : 'expired');
      // The page comes back with the success said by the server, so no later poll can hide it.
      if (result.status === 'linked') { stop(); setTimeout(function () { window.location.assign(window.location.pathname + '?done=linked'); }, 1500); }
    });
  }

  function watch() {
    fetch(section.dataset.pendingUrl, { credentials: 'same-origin' }).then(function (response) {
      return response.status === 200 ? response.json() : null;
    }).then(function (pending) {
      if (pending && pending.linkId !== shownLink) {
        shownLink = pending.linkId;
        deviceLabel.textContent = pending.deviceName + ' (' + pending.platform + ')';
        choices.textContent = '';
        pending.choices.forEach(function (number) {
          var button = document.createElement('button');
          button.type = 'button';
          button.className = 'button choice';
          button.textContent = number;
          button.addEventListener('click', function () { pick(pending.linkId, number); });
          choices.appendChild(button);
        });
        pendingBox.hidden = false;
        message.textContent = '';
      }
    }).catch(function () { /* the next poll tries again */ });
    pendingTimer = setTimeout(watch, 2000);
  }

  function stop() { clearTimeout(redrawTimer); clearTimeout(pendingTimer); }

  redraw();
  watch();
})();
