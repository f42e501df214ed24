/*
 * giftbot chat widget — one line on any page:
 *   <script src="https://YOUR-GIFTBOT/widget.js" async></script>
 * On another site than giftbot's own, list that site's origin in giftbot's ALLOWED_ORIGINS.
 * Options, as data attributes on that script tag:
 *   data-title       header text (default "Gift card help")
 *   data-accent      accent colour (default #6b3fd4)
 *   data-token-url   where to POST for a Direct Line token (default: this giftbot's embedded endpoint;
 *                    point it at your backend's token exchange to use Azure Direct Line)
 *   data-domain      Direct Line base URL (default: this giftbot; Azure: https://directline.botframework.com/v3/directline)
 * The Web Chat bundle loads only when the visitor opens the chat. The conversation (token, id,
 * watermark) is kept in sessionStorage, so the next page of the same tab carries on with it.
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
  // One conversation per giftbot (and Direct Line domain) per tab.
  var KEY = 'giftbot-widget:' + options.domain;
  // A stored token with less than this left is not worth reconnecting with: start afresh.
  var MIN_LEFT_MS = 60 * 1000;
  var TICK_MS = 30 * 1000;

  var style = document.createElement('style');
  style.textContent = [
    '.giftbot-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;',
    'display:flex;align-items:center;gap:8px;font:600 15px/1 system-ui,sans-serif;color:#fff;background:' + options.accent + ';',
    'box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}',
    '.giftbot-launcher svg{width:20px;height:20px;flex:none}',
    '.giftbot-launcher:focus-visible{outline:3px solid #000;outline-offset:2px}',
    // The panel replaces the launcher while open: nothing sits underneath it.
    '.giftbot-launcher.open{display:none}',
    '.giftbot-panel{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:380px;height:600px;max-height:calc(100vh - 40px);',
    'display:none;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3)}',
    '.giftbot-panel.open{display:flex}',
    '.giftbot-header{display:flex;align-items:center;justify-content:space-between;padding:12px 16px;color:#fff;background:' + options.accent + ';',
    'font:600 16px/1.2 system-ui,sans-serif}',
    '.giftbot-close{border:0;background:transparent;color:#fff;font-size:26px;line-height:1;min-width:44px;min-height:44px;margin:-10px -12px -10px 0;cursor:pointer}',
    '.giftbot-chat{flex:1;min-height:0}',
    '.giftbot-status{padding:16px;font:14px/1.4 system-ui,sans-serif;color:#444}',
    // Phones: a small round launcher in the corner (the label is for screen readers), and the open
    // chat takes the whole screen with its close button, instead of a box over half the page.
    '@media (max-width:600px){.giftbot-panel{right:0;bottom:0;width:100vw;height:100vh;height:100dvh;max-height:none;border-radius:0}',
    '.giftbot-launcher{right:12px;bottom:12px;width:52px;height:52px;padding:0;justify-content:center;border-radius:50%}',
    '.giftbot-launcher svg{width:24px;height:24px}',
    '.giftbot-label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}',
  ].join('');
  document.head.appendChild(style);

  var launcher = document.createElement('button');
  launcher.className = 'giftbot-launcher';
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
  var label = document.createElement('span');
  label.className = 'giftbot-label';
  label.textContent = 'Chat with us';
  launcher.appendChild(label);

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

  // The conversation in this tab: { token, conversationId, watermark, expiresAt (ms), lifetime (s), open }.
  var session = null;
  var directLine = null;
  var started = false;

  // sessionStorage can be off (privacy settings, sandboxed frames): the chat then lasts one page.
  function load() {
    try {
      var stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      return stored && typeof stored.token === 'string' && typeof stored.conversationId === 'string' && typeof stored.expiresAt === 'number' ? stored : null;
    } catch {
      return null;
    }
  }
  function save() {
    if (!session) return;
    // directlinejs keeps both as plain fields; they are how it reconnects itself.
    if (directLine && typeof directLine.watermark === 'string' && directLine.watermark) session.watermark = directLine.watermark;
    if (directLine && typeof directLine.conversationId === 'string' && directLine.conversationId) session.conversationId = directLine.conversationId;
    try { sessionStorage.setItem(KEY, JSON.stringify(session)); } catch { /* storage off: nothing to keep */ }
  }
  function forget() {
    session = null;
    try { sessionStorage.removeItem(KEY); } catch { /* storage off */ }
  }

  function call(method, url, token, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: method, headers: headers, body: body }).then(function (res) {
      if (!res.ok) throw new Error(method + ' ' + url + ': ' + res.status);
      return res.json();
    });
  }
  function granted(answer, base) {
    var lifetime = Number(answer.expires_in) || 1800;
    base.token = answer.token;
    base.conversationId = answer.conversationId || base.conversationId;
    base.lifetime = lifetime;
    base.expiresAt = Date.now() + lifetime * 1000;
    return base;
  }

  // Tokens expire (30 minutes on giftbot and Azure): renew once half the lifetime is gone.
  function refreshIfDue() {
    if (!session || session.expiresAt - Date.now() > (session.lifetime * 1000) / 2) return Promise.resolve(session);
    var current = session;
    return call('POST', options.domain + '/tokens/refresh', current.token).then(function (answer) {
      granted(answer, current);
      save();
      return current;
    });
  }

  /** The stored conversation with its history so far, or null when it can't be resumed. */
  function resume(stored) {
    if (stored.expiresAt - Date.now() < MIN_LEFT_MS) return Promise.resolve(null);
    session = stored;
    return refreshIfDue()
      .then(function () {
        return call('GET', options.domain + '/conversations/' + encodeURIComponent(session.conversationId) + '/activities?watermark=0', session.token);
      })
      .then(function (set) {
        // Shown as history, and the stream continues after the last of them: each message once.
        session.watermark = String(set.watermark || session.watermark || '');
        return (set.activities || []).filter(function (a) { return a.type === 'message'; });
      })
      .catch(function () {
        // Refused (expired, another server's token, conversation gone): start a new one quietly.
        forget();
        return null;
      });
  }

  function fresh() {
    return call('POST', options.tokenUrl, null, '{}').then(function (answer) {
      session = granted(answer, { watermark: '', open: true });
      return [];
    });
  }

  function setOpen(open, byUser) {
    panel.classList.toggle('open', open);
    launcher.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
    if (session) { session.open = open; save(); }
    // Focus follows a click only; a panel reopened on page load must not steal it.
    if (open && byUser) close.focus();
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
    var stored = load();
    var conversation = (stored ? resume(stored) : Promise.resolve(null)).then(function (history) {
      return history ? { history: history, resumed: true } : fresh().then(function () { return { history: [], resumed: false }; });
    });
    return Promise.all([conversation, loadBundle()]).then(function (results) {
      render(results[0]);
    });
  }

  function render(conversation) {
    var WebChat = window.WebChat;
    // Each incoming activity moves the watermark: keep it, so the next page starts after it.
    var store = WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          var result = next(action);
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' || action.type === 'DIRECT_LINE/CONNECT_FULFILLED') save();
          return result;
        };
      };
    });
    var connect = { token: session.token, domain: options.domain, webSocket: true };
    if (conversation.resumed) {
      // GET /conversations/:id?watermark=… reconnects: no new conversation, no second greeting.
      connect.conversationId = session.conversationId;
      connect.watermark = session.watermark;
    }
    directLine = WebChat.createDirectLine(connect);
    conversation.history.forEach(function (activity) {
      store.dispatch({ type: 'DIRECT_LINE/INCOMING_ACTIVITY', payload: { activity: activity } });
    });
    // Web Chat offers a message's buttons only as it arrives live: offer the last one's again.
    var last = conversation.history[conversation.history.length - 1];
    var actions = last && !(last.from && last.from.role === 'user') && last.suggestedActions && last.suggestedActions.actions;
    if (actions && actions.length) store.dispatch({ type: 'WEB_CHAT/SET_SUGGESTED_ACTIONS', payload: { suggestedActions: actions } });
    session.open = panel.classList.contains('open');
    save();
    chat.removeChild(status);
    WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        // The agent sees "Customer is typing…" (the bot relays typing only while a person has the chat).
        sendTypingIndicator: true,
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
    setInterval(function () { refreshIfDue().catch(function () { /* next tick tries again; Web Chat refreshes its own copy */ }); }, TICK_MS);
  }

  launcher.addEventListener('click', function () { setOpen(!panel.classList.contains('open'), true); });
  close.addEventListener('click', function () { setOpen(false, true); launcher.focus(); });
  // Leaving the page: the latest watermark goes with the conversation.
  window.addEventListener('pagehide', save);
  // A conversation already going in this tab: carry on with it, open as it was left.
  var previous = load();
  if (previous && previous.open) setOpen(true);
})();
