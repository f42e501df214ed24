/*
 * The reply being written, per conversation, in sessionStorage: a refresh (or a reconnect that
 * reloads the page) gives it back; sending clears it. sessionStorage, like the token, lives only as
 * long as this browser tab.
 */
const PREFIX = 'giftbot.agent.draft.';

export function loadDraft(id) {
  try {
    return sessionStorage.getItem(PREFIX + id) || '';
  } catch {
    return ''; // storage blocked (privacy settings): drafts live in memory only
  }
}

export function saveDraft(id, text) {
  try {
    if (text) sessionStorage.setItem(PREFIX + id, text);
    else sessionStorage.removeItem(PREFIX + id);
  } catch {
    /* storage blocked or full: the in-memory draft still holds it */
  }
}
