/*
 * The console page's elements, looked up once, and the one way text reaches the page.
 * Module scripts run after the document is parsed, so every element exists here.
 */
const $ = (id) => document.getElementById(id);

export const el = {
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

/** An element with a class and text; text goes in as textContent, never as HTML. */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
