/* What the agent sees when a call fails: a revoked sign-in signs out, anything else is a banner. */
import { signOut } from './session.js';
import { showStatus } from './status.js';

export function handleError(err) {
  if (err && err.status === 401) return signOut('Your sign-in has expired or was revoked. Please sign in again.');
  showStatus((err && err.message) || String(err), 'error', err && err.code === 'Network' ? 'network' : '');
}
