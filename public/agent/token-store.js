/*
 * Where an agent token is kept: this browser tab's sessionStorage, nowhere else. Teams SSO tokens
 * are never stored (they are short-lived and fetched again).
 */
const TOKEN_KEY = 'giftbot.agent.token';

export function readToken() {
  try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
}
export function storeToken(token) {
  try { sessionStorage.setItem(TOKEN_KEY, token); } catch { /* storage blocked (e.g. in an iframe): memory only */ }
}
export function forgetToken() {
  try { sessionStorage.removeItem(TOKEN_KEY); } catch { /* nothing stored */ }
}

/** `#token=...` (the link `npm start` prints) is stored, then removed from the address bar. */
export function tokenFromFragment() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return null;
  storeToken(token);
  history.replaceState(null, '', location.pathname + location.search);
  return token;
}
