/*
 * The console's one shared state. Every view reads and writes it; the session bumps `session` on
 * sign-out so late answers of the old session are dropped.
 */
export const state = {
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

/** The conversation whose tab is selected, if any. */
export const current = () => (state.selected ? state.conversations.get(state.selected) : undefined);
