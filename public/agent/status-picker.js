/*
 * The agent's routing status (issue 15): available, away or offline, chosen in the header. With
 * ROUTING=auto only available agents are assigned requests. The choice is kept in this browser and
 * sent with the stream's sign-in frame, so a reload or a reconnect keeps it; a browser that never
 * chose sends none, and the server's stored status (offline until set) stands.
 */
import { api } from './api.js';
import { handleError } from './errors.js';
import { state } from './state.js';
import { showStatus } from './status.js';

const KEY = 'giftbot-agent-status';
const STATUSES = ['available', 'away', 'offline'];
const picker = () => document.getElementById('agent-status');

function stored() {
  try {
    const value = localStorage.getItem(KEY);
    return STATUSES.includes(value) ? value : null;
  } catch {
    return null; // storage blocked (a Teams webview may): the server's status stands
  }
}

function remember(status) {
  try { localStorage.setItem(KEY, status); } catch { /* not kept: chosen again next time */ }
}

function show(status) {
  const select = picker();
  if (select && STATUSES.includes(status)) {
    select.value = status;
    select.dataset.status = status;
  }
}

/** Extra fields for the stream's auth frame: the status chosen here before, if any. */
export function statusForSignIn() {
  const status = stored();
  return status ? { status } : {};
}

/** A `status` frame: a colleague's change is for the transfer list; ours updates the picker. */
export function onStatusFrame(msg) {
  if (msg && msg.agent && state.agent && msg.agent.id === state.agent.id) show(msg.status);
}

/** Wires the picker and shows the status the server has (another browser may have changed it). */
export async function startStatusPicker() {
  const select = picker();
  if (!select) return;
  select.hidden = false;
  if (!select.dataset.wired) {
    select.dataset.wired = '1';
    select.addEventListener('change', async () => {
      const status = select.value;
      try {
        const answer = await api('POST', '/api/agent/me/status', { status });
        remember(answer.status);
        show(answer.status);
        if (answer.status !== 'available') showStatus('You will not be assigned new requests until you are available again.');
      } catch (err) {
        handleError(err);
      }
    });
  }
  try {
    const mine = await api('GET', '/api/agent/me/status');
    show(stored() || mine.status);
  } catch (err) {
    handleError(err);
  }
}
