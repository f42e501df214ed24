/*
 * giftbot chat widget — one line on any page:
 *   <script src="https://YOUR-GIFTBOT/widget.js" async></script>
 * Options, as data attributes on that script tag:
 *   data-title       header text (default "Gift card help")
 *   data-accent      accent colour (default #6b3fd4)
 *   data-token-url   where to POST for a Direct Line token (default: this giftbot's embedded endpoint;
 *                    point it at your backend's token exchange to use Azure Direct Line)
 *   data-domain      Direct Line base URL (default: this giftbot; Azure: https://directline.botframework.com/v3/directline)
 * The Web Chat bundle loads only when the visitor opens the chat.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var origin = new URL(script ? script.src : location.href).origin;
  var data = (script && script.dataset) || {};
  var options = {
    title: data.title || 'Gift card help',
    accent: /^#[0-9a-fA-F]{3,8}$/.test(data.accent || '') ? data.accent : '#6b3fd4',
    tokenUrl: data.tokenUrl || origin + '/v3/directline/tokens/generate',
    domain: data.domain || origin + '/v3/directline',
    bundle: origin + '/webchat/webchat.js',
  };

  var style = document.createElement('style');
  style.textContent = [
    '.giftbot-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;',
    'font:600 15px/1 system-ui,sans-serif;color:#fff;background:' + options.accent + ';box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}',
    '.giftbot-launcher:focus-visible{outline:3px solid #000;outline-offset:2px}',
    '.giftbot-panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:380px;height:600px;max-height:calc(100vh - 104px);',
    'display:none;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3)}',
    '.giftbot-panel.open{display:flex}',
    '.giftbot-header{display:flex;align-items:center;justify-content:space-between;padding:12px 16px;color:#fff;background:' + options.accent + ';',
    'font:600 16px/1.2 system-ui,sans-serif}',
    '.giftbot-close{border:0;background:transparent;color:#fff;font-size:22px;line-height:1;cursor:pointer}',
    '.giftbot-chat{flex:1;min-height:0}',
    '.giftbot-status{padding:16px;font:14px/1.4 system-ui,sans-serif;color:#444}',
    '@media (max-width:600px){.giftbot-panel{right:0;bottom:0;width:100vw;height:100vh;max-height:none;border-radius:0}',
    '.giftbot-launcher.open{display:none}}',
  ].join('');
  document.head.appendChild(style);

  var launcher = document.createElement('button');
  launcher.className = 'giftbot-launcher';
  launcher.type = 'button';
  launcher.textContent = 'Chat with us';
  launcher.setAttribute('aria-expanded', 'false');

  var panel = document.createElement('section');
  panel.className = 'giftbot-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', options.title);
  var header = document.createElement('div');
  header.className = 'giftbot-header';
  var title = document.createElement('span');
  title.textContent = options.title;
  var close = document.createElement('button');
  close.className = 'giftbot-close';
  close.type = 'button';
  close.setAttribute('aria-label', 'Close chat');
  close.textContent = '×';
  header.appendChild(title);
  header.appendChild(close);
  var chat = document.createElement('div');
  chat.className = 'giftbot-chat';
  var status = document.createElement('div');
  status.className = 'giftbot-status';
  status.textContent = 'Connecting…';
  chat.appendChild(status);
  panel.appendChild(header);
  panel.appendChild(chat);
  document.body.appendChild(panel);
  document.body.appendChild(launcher);

  var started = false;

  function setOpen(open) {
    panel.classList.toggle('open', open);
    launcher.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
    if (open && !started) {
      started = true;
      start().catch(function () {
        started = false;
        status.textContent = 'Sorry, the chat could not connect. Please try again in a moment.';
      });
    }
  }

  function loadBundle() {
    if (window.WebChat) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = options.bundle;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function start() {
    var token = fetch(options.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(function (res) {
      if (!res.ok) throw new Error('token ' + res.status);
      return res.json();
    });
    return Promise.all([token, loadBundle()]).then(function (results) {
      chat.removeChild(status);
      window.WebChat.renderWebChat(
        {
          directLine: window.WebChat.createDirectLine({ token: results[0].token, domain: options.domain, webSocket: true }),
          styleOptions: {
            accent: options.accent,
            bubbleFromUserBackground: options.accent,
            bubbleFromUserTextColor: '#fff',
            suggestedActionLayout: 'flow',
            hideUploadButton: true,
            botAvatarInitials: 'GB',
            rootHeight: '100%',
          },
        },
        chat,
      );
    });
  }

  launcher.addEventListener('click', function () { setOpen(!panel.classList.contains('open')); });
  close.addEventListener('click', function () { setOpen(false); launcher.focus(); });
})();
