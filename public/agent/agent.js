/*
 * giftbot agent console — the page at /agent/ and the Teams static tab at /agent/teams.html.
 * Plain browser JavaScript, no build step. The API contract: GET/POST /api/agent/* with
 * `Authorization: Bearer <token>`, live events over the WebSocket /api/agent/stream.
 *
 * Security: everything customers and agents write is untrusted. Text only ever reaches the page
 * through textContent / createTextNode; http(s) URLs become <a> elements built by hand.
 */
(function () {
  'use strict';

  const TOKEN_KEY = 'giftbot.agent.token';
  const POLL_MS = 5000; // queue polling while the socket is down
  const TICK_MS = 250; // waiting times: a quarter-second tick so each second flips on time
  const TYPING_SEND_MS = 3000; // at most one "agent is typing" per conversation this often
  const TYPING_SHOW_MS = 4000; // how long "Customer is typing…" stays up
  const TEAMS_INIT_MS = 3000; // outside Teams, initialize() never settles: give up after this
  const PING_MS = 25000; // keeps idle proxies from dropping the socket
  const MAX_BACKOFF_MS = 30000;
  const MAX_TEXT = 4000;
  const FROM = new Set(['customer', 'bot', 'agent']);
  const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

  const $ = (id) => document.getElementById(id);
  const el = {
    connection: $('connection'), who: $('who'), agentName: $('agent-name'), signout: $('signout'),
    statusBar: $('status-bar'), status: $('status'), statusDismiss: $('status-dismiss'),
    signinView: $('signin-view'), signinForm: $('signin-form'), token: $('token'), signinSubmit: $('signin-submit'),
    consoleView: $('console-view'), queue: $('queue'), queueCount: $('queue-count'), queueEmpty: $('queue-empty'),
    tabs: $('tabs'), noConversation: $('no-conversation'), conversation: $('conversation'),
    convTitle: $('conv-title'), convSummary: $('conv-summary'), convTried: $('conv-tried'), convEnded: $('conv-ended'),
    transfer: $('transfer'), end: $('end'), closeTab: $('close-tab'),
    chatLog: $('chat-log'), typing: $('typing'), composerForm: $('composer-form'), composer: $('composer'), send: $('send'),
    kbForm: $('kb-form'), kbQuery: $('kb-query'), kbSearch: $('kb-search'), kbResults: $('kb-results'),
    sellLink: $('sell-link'), swapLink: $('swap-link'),
  };

  const state = {
    session: 0, // bumped on sign-out so late answers of the old session are dropped
    token: null,
    sso: false, // the token is a Teams SSO token (refreshable with getAuthToken)
    inTeams: false,
    agent: null,
    via: 'token',
    waiting: new Map(), // id -> QueueItem plus `since` (local ms)
    conversations: new Map(), // id -> ConversationState, in tab order
    selected: null,
    socket: null,
    socketReady: false,
    everConnected: false,
    attempts: 0,
    timers: { reconnect: 0, poll: 0, tick: 0, ping: 0, status: 0 },
  };

  /* ---------- small helpers ---------- */

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))]);
  }

  function readToken() {
    try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
  }
  function storeToken(token) {
    try { sessionStorage.setItem(TOKEN_KEY, token); } catch { /* storage blocked (e.g. in an iframe): memory only */ }
  }
  function forgetToken() {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch { /* nothing stored */ }
  }

  function formatWait(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const ss = String(s % 60).padStart(2, '0');
    return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
  }

  function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function triedText(tried) {
    const titles = (tried || []).map((t) => t && t.title).filter(Boolean);
    return titles.length ? `Already tried: ${titles.join(', ')}` : 'Nothing tried yet';
  }

  /** Only http(s) URLs are ever turned into links; everything else stays text. */
  function safeHttpUrl(raw) {
    try {
      const url = new URL(raw);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }

  /** Trailing punctuation usually ends the sentence, not the URL ("see https://x.example/a."). */
  function trimUrl(raw) {
    let url = raw.replace(/[.,;:!?]+$/, '');
    while (/[)\]]$/.test(url)) {
      const open = url.endsWith(')') ? '(' : '[';
      const close = url.slice(-1);
      if (url.split(open).length >= url.split(close).length) break; // balanced: part of the URL
      url = url.slice(0, -1).replace(/[.,;:!?]+$/, '');
    }
    return url;
  }

  /** Text as nodes: plain text nodes, plus <a> for http(s) URLs. Never parses HTML. */
  function linkify(text) {
    const fragment = document.createDocumentFragment();
    const source = String(text ?? '');
    let last = 0;
    for (const match of source.matchAll(URL_RE)) {
      const raw = trimUrl(match[0]);
      const href = safeHttpUrl(raw);
      if (!href) continue;
      if (match.index > last) fragment.appendChild(document.createTextNode(source.slice(last, match.index)));
      const a = document.createElement('a');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = raw;
      fragment.appendChild(a);
      last = match.index + raw.length;
    }
    if (last < source.length) fragment.appendChild(document.createTextNode(source.slice(last)));
    return fragment;
  }

  /* ---------- status banner and connection indicator ---------- */

  function showStatus(text, kind = 'info') {
    clearTimeout(state.timers.status);
    el.status.textContent = text;
    el.statusBar.dataset.kind = kind;
    el.statusBar.hidden = false;
    // Errors stay until dismissed or replaced; notices fade on their own.
    if (kind === 'info') state.timers.status = setTimeout(clearStatus, 8000);
  }

  function clearStatus() {
    clearTimeout(state.timers.status);
    el.status.textContent = '';
    el.statusBar.hidden = true;
  }

  function setConnection(mode) {
    el.connection.hidden = false;
    el.connection.dataset.state = mode;
    el.connection.textContent = mode === 'live' ? 'Live' : mode === 'connecting' ? 'Connecting…' : 'Reconnecting… (refreshing every 5 s)';
  }

  /* ---------- HTTP API ---------- */

  async function api(method, path, body, retried = false) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${state.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch {
      throw new ApiError(0, 'Network', 'Cannot reach the server. Check your connection and try again.');
    }
    // Teams SSO tokens expire; a fresh one is one call away, so try once before giving up.
    if (res.status === 401 && state.sso && !retried && (await refreshTeamsToken())) return api(method, path, body, true);
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const error = (data && data.error) || {};
      throw new ApiError(res.status, error.code || 'Error', error.message || `The request failed (${res.status}).`);
    }
    return data;
  }

  const convPath = (id, action) => `/api/agent/conversations/${encodeURIComponent(id)}/${action}`;

  function handleError(err) {
    if (err && err.status === 401) return signOut('Your sign-in has expired or was revoked. Please sign in again.');
    showStatus((err && err.message) || String(err), 'error');
  }

  /** 403/404 on a conversation mean it is no longer ours: make it read-only rather than fail again. */
  function handleConversationError(conv, err) {
    if (err && (err.status === 403 || err.status === 404)) {
      markEnded(conv.id, 'gone');
      return showStatus(err.status === 403 ? 'This conversation is now with another agent.' : 'This conversation has already ended.', 'warn');
    }
    handleError(err);
  }

  /* ---------- theme and Teams ---------- */

  function applyTheme(theme) {
    document.documentElement.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  }

  /** Outside Teams, follow the operating system's dark / high-contrast preference. */
  function followSystemTheme() {
    const dark = matchMedia('(prefers-color-scheme: dark)');
    const contrast = matchMedia('(forced-colors: active), (prefers-contrast: more)');
    const update = () => { if (!state.inTeams) applyTheme(contrast.matches ? 'contrast' : dark.matches ? 'dark' : 'default'); };
    dark.addEventListener('change', update);
    contrast.addEventListener('change', update);
    update();
  }

  async function refreshTeamsToken() {
    if (!state.sso) return false;
    try {
      const token = await window.microsoftTeams.authentication.getAuthToken();
      if (!token) return false;
      state.token = token;
      return true;
    } catch {
      return false;
    }
  }

  /** Returns true when Teams is the host (signed in via SSO, or showing the fallback sign-in). */
  async function startInTeams() {
    const teams = window.microsoftTeams;
    if (!teams || !teams.app) return false;
    showStatus('Connecting to Microsoft Teams…');
    try {
      await withTimeout(teams.app.initialize(), TEAMS_INIT_MS);
    } catch {
      clearStatus();
      return false; // opened outside Teams: the console's own sign-in
    }
    state.inTeams = true;
    try { teams.app.notifySuccess(); } catch { /* only needed when the manifest asks for a loading indicator */ }
    try {
      const context = await withTimeout(teams.app.getContext(), TEAMS_INIT_MS);
      applyTheme(context && context.app && context.app.theme);
      teams.app.registerOnThemeChangeHandler(applyTheme);
    } catch { /* keep the default theme */ }
    let token;
    try {
      token = await teams.authentication.getAuthToken();
    } catch (err) {
      showSignIn(`Teams single sign-on is not available (${(err && err.message) || err}). Sign in with your agent token instead.`);
      return true;
    }
    await signIn(token, { sso: true });
    return true;
  }

  /* ---------- sign-in and sign-out ---------- */

  /** `#token=...` (the link `npm start` prints) is stored, then removed from the address bar. */
  function tokenFromFragment() {
    const token = new URLSearchParams(location.hash.slice(1)).get('token');
    if (!token) return null;
    storeToken(token);
    history.replaceState(null, '', location.pathname + location.search);
    return token;
  }

  function showSignIn(message) {
    el.consoleView.hidden = true;
    el.who.hidden = true;
    el.connection.hidden = true;
    el.signinView.hidden = false;
    el.token.value = '';
    if (message) showStatus(message, 'error');
    else clearStatus();
    el.token.focus();
  }

  async function signIn(token, { sso = false } = {}) {
    const session = state.session;
    state.token = token;
    state.sso = sso;
    el.signinSubmit.disabled = true;
    el.signinSubmit.textContent = 'Signing in…';
    let me;
    try {
      me = await api('GET', '/api/agent/me');
    } catch (err) {
      if (session !== state.session) return;
      state.token = null;
      state.sso = false;
      if (err.status === 401) {
        forgetToken();
        showSignIn(sso ? 'Your Teams account is not set up as a support agent. Sign in with an agent token instead.' : 'That token was not accepted. Check it and sign in again.');
      } else {
        showSignIn(err.message);
      }
      return;
    } finally {
      el.signinSubmit.disabled = false;
      el.signinSubmit.textContent = 'Sign in';
    }
    if (session !== state.session) return;
    if (!sso) storeToken(token); // SSO tokens are short-lived: fetched again, never stored
    state.agent = me.agent;
    state.via = me.via;
    startConsole();
  }

  function signOut(message) {
    state.session += 1;
    forgetToken();
    Object.assign(state, { token: null, sso: false, agent: null, selected: null, socketReady: false, everConnected: false, attempts: 0 });
    const socket = state.socket;
    state.socket = null; // its close event is then ignored
    if (socket) socket.close(1000, 'signed out');
    for (const key of ['reconnect', 'poll', 'tick', 'ping']) {
      clearTimeout(state.timers[key]);
      clearInterval(state.timers[key]);
      state.timers[key] = 0;
    }
    for (const conv of state.conversations.values()) clearTimeout(conv.typingTimer);
    state.conversations.clear();
    state.waiting.clear();
    el.queue.replaceChildren();
    el.tabs.replaceChildren();
    el.chatLog.replaceChildren();
    el.kbResults.replaceChildren();
    el.composer.value = '';
    document.title = 'Agent console — giftbot';
    showSignIn(message);
  }

  function startConsole() {
    el.signinView.hidden = true;
    el.consoleView.hidden = false;
    el.agentName.textContent = (state.agent && state.agent.name) || 'Agent';
    el.who.hidden = false;
    el.signout.hidden = state.via === 'teams'; // Teams owns the session there
    clearStatus();
    renderQueueMeta();
    renderTabs();
    renderConversation();
    state.timers.tick = setInterval(tickWaitingTimes, TICK_MS);
    refreshQueue().catch(handleError);
    connect();
  }

  /* ---------- queue ---------- */

  async function refreshQueue() {
    const session = state.session;
    const asked = Date.now();
    const data = await api('GET', '/api/agent/queue');
    if (session !== state.session) return;
    renderQueue(data.waiting || []);
    reconcileMine(data.mine || [], asked);
  }

  function renderQueue(items) {
    const now = Date.now();
    const previous = new Map(state.waiting);
    state.waiting.clear();
    for (const item of items) {
      // Local clock from waitingSeconds, so a skewed client clock doesn't matter. Whole seconds
      // jitter between snapshots: keep the known start unless it is really off, so time never runs back.
      let since = Number.isFinite(item.waitingSeconds) ? now - item.waitingSeconds * 1000 : Date.parse(item.filedAt) || now;
      const known = previous.get(item.id);
      if (known && Math.abs(known.since - since) < 2000) since = known.since;
      state.waiting.set(item.id, Object.assign({}, item, { since }));
    }
    const existing = new Map(Array.from(el.queue.children, (li) => [li.dataset.id, li]));
    let cursor = el.queue.firstChild;
    for (const item of state.waiting.values()) {
      let li = existing.get(item.id);
      if (li) existing.delete(item.id);
      else li = createQueueItem(item.id);
      fillQueueItem(li, item);
      // Move only what is out of place, so a focused Accept button keeps its focus.
      if (li === cursor) cursor = cursor.nextSibling;
      else el.queue.insertBefore(li, cursor);
    }
    for (const li of existing.values()) li.remove();
    renderQueueMeta();
  }

  function renderQueueMeta() {
    const count = state.waiting.size;
    el.queueCount.textContent = String(count);
    el.queueEmpty.hidden = count > 0;
    document.title = `${count ? `(${count}) ` : ''}Agent console — giftbot`;
  }

  function createQueueItem(id) {
    const li = make('li', 'queue-item');
    li.dataset.testid = 'queue-item';
    li.dataset.id = id;
    const head = make('div', 'qi-head');
    head.append(make('span', 'qi-position'), make('span', 'qi-brand'), make('span', 'qi-channel'), make('span', 'qi-wait'));
    const accept = make('button', 'button primary qi-accept', 'Accept');
    accept.type = 'button';
    accept.dataset.testid = 'accept';
    accept.addEventListener('click', () => acceptRequest(id, accept));
    li.append(head, make('p', 'qi-summary'), make('p', 'qi-tried'), accept);
    return li;
  }

  function fillQueueItem(li, item) {
    const brand = item.brandName || 'Brand not known';
    li.querySelector('.qi-position').textContent = `#${item.position ?? ''}`;
    li.querySelector('.qi-brand').textContent = brand;
    li.querySelector('.qi-channel').textContent = item.channel || '';
    li.querySelector('.qi-summary').textContent = item.summary || '(no summary)';
    li.querySelector('.qi-tried').textContent = triedText(item.tried);
    li.querySelector('.qi-accept').setAttribute('aria-label', `Accept ${brand}: ${item.summary || 'request'}`);
    updateWait(li, item);
  }

  function updateWait(li, item) {
    const wait = li.querySelector('.qi-wait');
    const text = `waiting ${formatWait((Date.now() - item.since) / 1000)}`;
    if (wait.textContent !== text) wait.textContent = text;
  }

  function tickWaitingTimes() {
    for (const li of el.queue.children) {
      const item = state.waiting.get(li.dataset.id);
      if (item) updateWait(li, item);
    }
  }

  async function acceptRequest(id, button) {
    const session = state.session;
    button.disabled = true;
    try {
      const data = await api('POST', convPath(id, 'accept'));
      if (session !== state.session) return;
      addConversation(data.conversation);
      state.waiting.delete(id);
      const li = el.queue.querySelector(`[data-id="${CSS.escape(id)}"]`);
      if (li) li.remove();
      renderQueueMeta();
      selectConversation(data.conversation.id);
      el.composer.focus();
    } catch (err) {
      if (session !== state.session) return;
      if (err.status === 409) showStatus('Another agent took this one.', 'warn');
      else if (err.status === 404) showStatus('That request is no longer waiting: the customer left or it timed out.', 'warn');
      else return handleError(err);
      refreshQueue().catch(handleError);
    } finally {
      button.disabled = false;
    }
  }

  /* ---------- my conversations ---------- */

  function addConversation(conversation) {
    let conv = state.conversations.get(conversation.id);
    if (!conv) {
      conv = {
        id: conversation.id, info: conversation, lines: [], keys: new Set(), loaded: false, unread: 0, fresh: false,
        ended: false, endedBy: null, typing: false, typingTimer: 0, lastTypingSent: 0, sending: false,
        draft: '', links: null, kbQuery: '', kbResults: null, changedAt: Date.now(),
      };
      state.conversations.set(conv.id, conv);
    } else {
      conv.info = conversation;
      if (conversation.state !== 'ended' && conv.ended) {
        Object.assign(conv, { ended: false, endedBy: null, loaded: false, changedAt: Date.now() }); // came back to us
      }
    }
    renderTabs();
    if (state.selected === conv.id) renderConversation();
    return conv;
  }

  /**
   * Server's `mine` is the truth after a reload or reconnect: add new ones, end the ones we lost.
   * Conversations that changed locally after the request left (an accept, an end) are newer than it.
   */
  function reconcileMine(mine, asked) {
    const ids = new Set(mine.map((c) => c.id));
    const stale = (id) => {
      const conv = state.conversations.get(id);
      return conv !== undefined && conv.changedAt >= asked;
    };
    for (const conversation of mine) if (!stale(conversation.id)) addConversation(conversation);
    for (const conv of state.conversations.values()) if (!ids.has(conv.id) && !conv.ended && !stale(conv.id)) markEnded(conv.id, 'gone');
    if (!state.selected && mine.length) selectConversation(mine[0].id);
  }

  const current = () => (state.selected ? state.conversations.get(state.selected) : undefined);

  function tabLabel(conv) {
    return conv.info.brandName || 'Brand not known';
  }

  function renderTabs() {
    const tabs = [];
    for (const conv of state.conversations.values()) {
      const selected = conv.id === state.selected;
      const wrap = make('div', 'tab-wrap');
      wrap.setAttribute('role', 'presentation');
      const tab = make('button', `tab${conv.ended ? ' ended' : ''}`);
      tab.type = 'button';
      tab.id = `tab-${tabs.length}`;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(selected));
      tab.setAttribute('aria-controls', 'conversation');
      tab.tabIndex = selected || (!state.selected && tabs.length === 0) ? 0 : -1;
      tab.dataset.testid = 'conversation-tab';
      tab.dataset.id = conv.id;
      tab.append(make('span', 'tab-brand', tabLabel(conv)), make('span', 'tab-summary', conv.info.summary || ''));
      if (conv.ended) tab.append(make('span', 'tab-state', 'ended'));
      if (!selected && (conv.unread || conv.fresh)) {
        const badge = make('span', 'badge', conv.unread ? String(conv.unread) : 'new');
        badge.dataset.testid = 'unread';
        badge.setAttribute('aria-label', conv.unread ? `${conv.unread} unread` : 'new');
        tab.append(badge);
      }
      tab.addEventListener('click', () => selectConversation(conv.id));
      tab.addEventListener('keydown', onTabKey);
      wrap.append(tab);
      if (conv.ended) {
        const close = make('button', 'tab-close', '×');
        close.type = 'button';
        close.setAttribute('aria-label', `Close ${tabLabel(conv)} conversation`);
        close.addEventListener('click', () => closeConversation(conv.id));
        wrap.append(close);
      }
      tabs.push(wrap);
    }
    const hadFocus = el.tabs.contains(document.activeElement) && document.activeElement.dataset.id;
    el.tabs.replaceChildren(...tabs);
    if (hadFocus) {
      const again = el.tabs.querySelector(`[role="tab"][data-id="${CSS.escape(hadFocus)}"]`);
      if (again) again.focus();
    }
    el.noConversation.hidden = state.conversations.size > 0;
  }

  /** Arrow keys move between tabs (the WAI-ARIA tabs pattern). */
  function onTabKey(event) {
    const tabs = Array.from(el.tabs.querySelectorAll('[role="tab"]'));
    const index = tabs.indexOf(event.currentTarget);
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    selectConversation(target.dataset.id);
    const focus = el.tabs.querySelector(`[role="tab"][data-id="${CSS.escape(target.dataset.id)}"]`);
    if (focus) focus.focus();
  }

  function selectConversation(id) {
    const previous = current();
    if (previous) previous.draft = el.composer.value;
    const conv = state.conversations.get(id);
    state.selected = conv ? id : null;
    if (conv) {
      conv.unread = 0;
      conv.fresh = false;
    }
    renderTabs();
    renderConversation();
    if (conv && !conv.loaded) loadTranscript(conv);
  }

  function closeConversation(id) {
    const conv = state.conversations.get(id);
    if (!conv || !conv.ended) return;
    clearTimeout(conv.typingTimer);
    state.conversations.delete(id);
    if (state.selected === id) {
      state.selected = null;
      const next = state.conversations.keys().next();
      selectConversation(next.done ? null : next.value);
    } else {
      renderTabs();
    }
  }

  async function loadTranscript(conv) {
    const session = state.session;
    try {
      const data = await api('GET', convPath(conv.id, 'transcript'));
      if (session !== state.session) return;
      mergeLines(conv, data.lines || []);
      conv.loaded = true;
      if (state.selected === conv.id) renderChatLog(conv);
    } catch (err) {
      if (session === state.session) handleConversationError(conv, err);
    }
  }

  /* ---------- transcript and live chat ---------- */

  const lineKey = (line) => `${line.at}|${line.from}|${line.text}`;

  /** The transcript and live events overlap; a key per line keeps each one once, in time order. */
  function mergeLines(conv, lines) {
    for (const line of lines) {
      const key = lineKey(line);
      if (conv.keys.has(key)) continue;
      conv.keys.add(key);
      conv.lines.push(line);
    }
    conv.lines.sort((a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0));
  }

  /** Appends one line; false when it was already there. */
  function addLine(conv, line) {
    if (!line || conv.keys.has(lineKey(line))) return false;
    conv.keys.add(lineKey(line));
    conv.lines.push(line);
    if (state.selected === conv.id && conv.loaded) {
      el.chatLog.appendChild(renderLine(line));
      scrollChatToEnd();
    }
    return true;
  }

  function renderLine(line) {
    const from = FROM.has(line.from) ? line.from : 'bot';
    const li = make('li', `line from-${from}`);
    li.dataset.testid = 'line';
    li.dataset.from = from;
    const meta = make('div', 'line-meta');
    const defaultName = { customer: 'Customer', bot: 'giftbot', agent: 'Agent' }[from];
    meta.append(make('span', 'line-name', line.name || defaultName));
    const time = make('time', 'line-time', formatTime(line.at));
    if (line.at) time.dateTime = String(line.at);
    meta.append(time);
    const text = make('p', 'line-text');
    text.appendChild(linkify(line.text));
    li.append(meta, text);
    return li;
  }

  function renderChatLog(conv) {
    // aria-busy keeps screen readers from reading a whole transcript swap as new messages.
    el.chatLog.setAttribute('aria-busy', 'true');
    if (!conv.loaded && !conv.lines.length) el.chatLog.replaceChildren(make('li', 'placeholder', 'Loading the transcript…'));
    else el.chatLog.replaceChildren(...conv.lines.map(renderLine));
    el.chatLog.setAttribute('aria-busy', 'false');
    scrollChatToEnd();
  }

  function scrollChatToEnd() {
    el.chatLog.scrollTop = el.chatLog.scrollHeight;
  }

  const ENDED_TEXT = {
    customer: 'The customer left the conversation.',
    agent: 'This conversation has ended.',
    transfer: 'This conversation was transferred.',
    gone: 'This conversation is no longer with you.',
  };

  function renderConversation() {
    const conv = current();
    el.conversation.hidden = !conv;
    if (!conv) return;
    const tab = el.tabs.querySelector(`[role="tab"][aria-selected="true"]`);
    if (tab) el.conversation.setAttribute('aria-labelledby', tab.id);
    const { info } = conv;
    el.convTitle.textContent = `${info.brandName || 'Brand not known'}${info.channel ? ` · ${info.channel}` : ''}`;
    el.convSummary.textContent = info.summary || '';
    el.convTried.textContent = triedText(info.tried);
    el.convEnded.hidden = !conv.ended;
    el.convEnded.textContent = conv.ended ? `${ENDED_TEXT[conv.endedBy] || ENDED_TEXT.agent} You can close it.` : '';
    el.composer.value = conv.draft;
    el.kbQuery.value = conv.kbQuery;
    renderChatLog(conv);
    renderTyping(conv);
    renderKnowledge(conv);
    updateControls(conv);
  }

  /** An ended conversation is read-only: everything but Close is disabled. */
  function updateControls(conv) {
    const readOnly = !conv || conv.ended;
    for (const control of [el.composer, el.end, el.transfer, el.kbQuery, el.kbSearch, el.sellLink, el.swapLink]) control.disabled = readOnly;
    el.send.disabled = readOnly || conv.sending;
    for (const button of el.kbResults.querySelectorAll('button')) button.disabled = readOnly;
    el.closeTab.hidden = !conv || !conv.ended;
  }

  function markEnded(id, by) {
    const conv = state.conversations.get(id);
    if (!conv) return;
    conv.ended = true;
    conv.changedAt = Date.now();
    conv.endedBy = conv.endedBy && by === 'gone' ? conv.endedBy : by;
    stopTyping(conv);
    renderTabs();
    if (state.selected === id) renderConversation();
  }

  function showTyping(conv) {
    clearTimeout(conv.typingTimer);
    conv.typing = true;
    conv.typingTimer = setTimeout(() => stopTyping(conv), TYPING_SHOW_MS);
    renderTyping(conv);
  }

  function stopTyping(conv) {
    clearTimeout(conv.typingTimer);
    conv.typing = false;
    renderTyping(conv);
  }

  function renderTyping(conv) {
    if (state.selected === conv.id) el.typing.hidden = !conv.typing || conv.ended;
  }

  /* ---------- composer ---------- */

  async function sendMessage() {
    const conv = current();
    if (!conv || conv.ended || conv.sending) return;
    const original = el.composer.value;
    const text = original.trim();
    if (!text) return;
    if (text.length > MAX_TEXT) return showStatus(`A message can be at most ${MAX_TEXT} characters (this one has ${text.length}).`, 'error');
    conv.sending = true;
    updateControls(conv);
    try {
      const data = await api('POST', convPath(conv.id, 'messages'), { text });
      // The agent may have switched tabs meanwhile: clear only the text that was sent.
      if (state.selected === conv.id && el.composer.value === original) el.composer.value = '';
      if (conv.draft === original) conv.draft = '';
      addLine(conv, data.line);
    } catch (err) {
      handleConversationError(conv, err);
    } finally {
      conv.sending = false;
      if (state.selected === conv.id) updateControls(conv);
    }
  }

  function onComposerKey(event) {
    // Enter sends, Shift+Enter is a new line; never interrupt an IME composition.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    sendMessage();
  }

  /** Tells the customer the agent is typing, at most once every few seconds per conversation. */
  function onComposerInput() {
    const conv = current();
    if (!conv || conv.ended) return;
    conv.draft = el.composer.value;
    const now = Date.now();
    if (!el.composer.value.trim() || now - conv.lastTypingSent < TYPING_SEND_MS) return;
    conv.lastTypingSent = now;
    if (state.socketReady) state.socket.send(JSON.stringify({ type: 'typing', id: conv.id }));
    else api('POST', convPath(conv.id, 'typing')).catch(() => { /* best effort */ });
  }

  /** Puts text at the end of the composer, on its own line (knowledge) or after a space (links). */
  function insertIntoComposer(text, separator) {
    const conv = current();
    if (!conv || conv.ended || !text) return;
    const before = el.composer.value;
    el.composer.value = !before ? text : /\s$/.test(before) ? before + text : before + separator + text;
    conv.draft = el.composer.value;
    el.composer.focus();
    el.composer.setSelectionRange(el.composer.value.length, el.composer.value.length);
  }

  /* ---------- side tools ---------- */

  async function searchKnowledge(event) {
    event.preventDefault();
    const conv = current();
    const q = el.kbQuery.value.trim();
    if (!conv || !q) return;
    const params = new URLSearchParams({ q });
    if (conv.info.brand) params.set('brand', conv.info.brand);
    conv.kbQuery = q;
    el.kbResults.replaceChildren(make('li', 'placeholder', 'Searching…'));
    try {
      const data = await api('GET', `/api/agent/knowledge?${params}`);
      conv.kbResults = data.results || [];
    } catch (err) {
      conv.kbResults = null;
      handleError(err);
    }
    if (state.selected === conv.id) renderKnowledge(conv);
  }

  function renderKnowledge(conv) {
    if (!conv.kbResults) return el.kbResults.replaceChildren();
    if (!conv.kbResults.length) return el.kbResults.replaceChildren(make('li', 'placeholder', 'Nothing found. Try other words.'));
    el.kbResults.replaceChildren(...conv.kbResults.map((result) => {
      const li = make('li', 'kb-result');
      li.dataset.testid = 'kb-result';
      const head = make('div', 'kb-head');
      head.append(make('strong', 'kb-title', result.title || '(untitled)'));
      if (result.kind) head.append(make('span', 'kb-kind', result.kind));
      const body = make('p', 'kb-body');
      body.appendChild(linkify(result.body));
      const insert = make('button', 'button kb-insert', 'Insert');
      insert.type = 'button';
      insert.dataset.testid = 'kb-insert';
      insert.setAttribute('aria-label', `Insert “${result.title || 'result'}” into the reply`);
      insert.addEventListener('click', () => insertIntoComposer(String(result.body || ''), '\n'));
      li.append(head, body, insert);
      return li;
    }));
  }

  async function insertLink(kind) {
    const conv = current();
    if (!conv || conv.ended) return;
    try {
      if (!conv.links) conv.links = await api('GET', convPath(conv.id, 'links'));
      const url = conv.links && conv.links[kind];
      if (url) insertIntoComposer(String(url), ' ');
      else showStatus(`There is no ${kind} link for this conversation.`, 'warn');
    } catch (err) {
      handleConversationError(conv, err);
    }
  }

  async function endConversation() {
    const conv = current();
    if (!conv || conv.ended) return;
    if (!confirm('End this conversation? The customer gets the satisfaction survey, then the bot.')) return;
    try {
      await api('POST', convPath(conv.id, 'end'));
      markEnded(conv.id, 'agent');
    } catch (err) {
      handleConversationError(conv, err);
    }
  }

  /** Transfers go by agent id: the agent picks from the signed-in colleagues (names can be shared). */
  async function transferConversation() {
    const conv = current();
    if (!conv || conv.ended) return;
    let agents;
    try {
      agents = ((await api('GET', '/api/agent/agents')).agents || []).filter((a) => !a.you);
    } catch (err) {
      return handleError(err);
    }
    const list = agents.map((a, i) => `${i + 1}. ${a.name} (${a.id})`).join('\n');
    const answer = prompt(`Transfer to which agent? ${agents.length ? `Enter a number:\n${list}\n` : 'Nobody else has signed in. '}Leave it empty to put the customer back at the front of the queue.`, '');
    if (answer === null) return; // cancelled
    const choice = answer.trim();
    const target = choice ? agents[Number(choice) - 1] : null;
    if (choice && !target) return showStatus(`There is no agent number ${choice}: nothing was transferred.`, 'warn');
    try {
      await api('POST', convPath(conv.id, 'transfer'), target ? { to: target.id } : {});
      markEnded(conv.id, 'transfer');
      showStatus(target ? `Transferred to ${target.name}.` : 'The customer is back at the front of the queue.');
    } catch (err) {
      // A refused transfer changes nothing: the conversation stays open here.
      if (err && (err.code === 'UnknownAgent' || err.code === 'Ambiguous')) return showStatus(`${err.message} The conversation is still yours.`, 'warn');
      handleConversationError(conv, err);
    }
  }

  /* ---------- live events (WebSocket) with polling fallback ---------- */

  function streamUrl() {
    const url = new URL('/api/agent/stream', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  }

  function connect() {
    clearTimeout(state.timers.reconnect);
    if (!state.token) return;
    setConnection(state.everConnected ? 'offline' : 'connecting');
    let socket;
    try {
      socket = new WebSocket(streamUrl());
    } catch {
      return onSocketClosed(null, { code: 1006 });
    }
    state.socket = socket;
    state.socketReady = false;
    socket.addEventListener('open', () => authenticateSocket(socket));
    socket.addEventListener('message', (event) => onSocketMessage(socket, event));
    socket.addEventListener('close', (event) => onSocketClosed(socket, event));
  }

  /** Browsers can't set headers on a WebSocket: the first frame carries the token, on every (re)connect. */
  async function authenticateSocket(socket) {
    if (state.sso && state.attempts > 0) await refreshTeamsToken();
    if (socket === state.socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'auth', token: state.token }));
  }

  function onSocketMessage(socket, event) {
    if (socket !== state.socket) return;
    let msg;
    try { msg = JSON.parse(event.data); } catch { return; }
    if (!msg || typeof msg.type !== 'string') return;
    switch (msg.type) {
      case 'ready': return onReady(msg);
      case 'queue': return renderQueue(Array.isArray(msg.waiting) ? msg.waiting : []);
      case 'message': return onCustomerMessage(msg);
      case 'typing': {
        const conv = state.conversations.get(msg.id);
        return conv && !conv.ended ? showTyping(conv) : undefined;
      }
      case 'assigned': return onAssigned(msg.conversation);
      case 'ended': return markEnded(msg.id, msg.by);
      case 'error': return console.warn('agent stream:', msg.message);
      default: return undefined; // pong and anything newer
    }
  }

  function onReady(msg) {
    const reconnected = state.everConnected;
    state.socketReady = true;
    state.everConnected = true;
    state.attempts = 0;
    if (msg.agent && msg.agent.name) el.agentName.textContent = msg.agent.name;
    setConnection('live');
    stopPolling();
    clearInterval(state.timers.ping);
    state.timers.ping = setInterval(() => {
      if (state.socketReady) state.socket.send(JSON.stringify({ type: 'ping' }));
    }, PING_MS);
    if (reconnected) catchUp();
  }

  /** Events may have been missed while disconnected: re-read mine and the open transcripts. */
  function catchUp() {
    refreshQueue().catch(handleError);
    for (const conv of state.conversations.values()) {
      if (conv.ended) continue;
      if (conv.id === state.selected) loadTranscript(conv);
      else conv.loaded = false; // fetched again when selected
    }
  }

  function onCustomerMessage(msg) {
    const conv = state.conversations.get(msg.id);
    if (!conv) return refreshQueue().catch(handleError); // a conversation we don't know yet: re-read mine
    if (msg.line && msg.line.from === 'customer') stopTyping(conv);
    if (addLine(conv, msg.line) && state.selected !== conv.id) {
      conv.unread += 1;
      renderTabs();
    }
  }

  function onAssigned(conversation) {
    if (!conversation || !conversation.id) return;
    const known = state.conversations.has(conversation.id);
    const conv = addConversation(conversation);
    showStatus(`A conversation was transferred to you: ${conversation.brandName || 'brand not known'} — ${conversation.summary || ''}`);
    if (!state.selected) selectConversation(conv.id);
    else if (!known && state.selected !== conv.id) {
      conv.fresh = true;
      renderTabs();
    }
  }

  async function onSocketClosed(socket, event) {
    if (socket && socket !== state.socket) return; // an old socket, or signed out
    const session = state.session;
    state.socket = null;
    state.socketReady = false;
    clearInterval(state.timers.ping);
    setConnection('offline');
    startPolling();
    if (event.code === 4401) {
      // The token was refused: /me tells whether it is really gone (it also refreshes a Teams token).
      try {
        await api('GET', '/api/agent/me');
      } catch (err) {
        if (session === state.session && err.status === 401) return signOut('Your sign-in was not accepted. Please sign in again.');
      }
      if (session !== state.session) return;
    }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    clearTimeout(state.timers.reconnect);
    // Exponential backoff with jitter, so a restarted server isn't hit by every console at once.
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** state.attempts) * (0.75 + Math.random() * 0.5);
    state.attempts += 1;
    state.timers.reconnect = setTimeout(connect, delay);
  }

  function startPolling() {
    if (state.timers.poll) return;
    state.timers.poll = setInterval(pollOnce, POLL_MS);
  }

  function stopPolling() {
    clearInterval(state.timers.poll);
    state.timers.poll = 0;
  }

  async function pollOnce() {
    try {
      await refreshQueue();
      const conv = current();
      if (conv && !conv.ended && conv.loaded) await loadTranscript(conv);
    } catch (err) {
      if (err.status === 401) handleError(err); // network errors: the indicator already says offline
    }
  }

  /* ---------- wiring ---------- */

  function wire() {
    el.signinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = el.token.value.trim();
      if (!token) {
        showStatus('Enter your agent token to sign in.', 'error');
        return el.token.focus();
      }
      signIn(token);
    });
    el.signout.addEventListener('click', () => signOut());
    el.statusDismiss.addEventListener('click', clearStatus);
    el.composerForm.addEventListener('submit', (event) => {
      event.preventDefault();
      sendMessage();
    });
    el.composer.addEventListener('keydown', onComposerKey);
    el.composer.addEventListener('input', onComposerInput);
    el.kbForm.addEventListener('submit', searchKnowledge);
    el.sellLink.addEventListener('click', () => insertLink('sell'));
    el.swapLink.addEventListener('click', () => insertLink('swap'));
    el.end.addEventListener('click', endConversation);
    el.transfer.addEventListener('click', transferConversation);
    el.closeTab.addEventListener('click', () => state.selected && closeConversation(state.selected));
    // The printed console URL pasted into a tab already on /agent/ only changes the fragment.
    window.addEventListener('hashchange', () => {
      if (state.token || state.agent) return;
      const token = tokenFromFragment();
      if (token) signIn(token);
    });
    // Back online: don't wait for the backoff timer.
    window.addEventListener('online', () => {
      if (state.token && !state.socket) {
        state.attempts = 0;
        connect();
      }
    });
  }

  async function boot() {
    wire();
    followSystemTheme();
    const fromFragment = tokenFromFragment();
    if (document.body.dataset.host === 'teams' && (await startInTeams())) return;
    const token = fromFragment || readToken();
    if (token) signIn(token);
    else showSignIn();
  }

  boot();
})();
