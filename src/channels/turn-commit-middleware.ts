import type { Middleware } from 'botbuilder';
import type { TurnCommit } from '../storage/backend';

/**
 * Runs every turn an adapter processes inside the backend's turn commit: one at a time per
 * conversation (across instances on Redis), and what the turn keeps — state, transcript lines —
 * kept together or not at all. Register it before the bot's middleware, so it wraps them too (the
 * transcript logger writes as the turn ends). /api/messages uses it; Direct Line and Slack call the
 * turn commit themselves.
 */
export function turnCommitMiddleware(turns: TurnCommit): Middleware {
  return {
    onTurn: (context, next) => {
      const conversationId = context.activity.conversation?.id;
      // An activity with no conversation has nothing to lock or keep under one.
      return conversationId ? turns.atomically(conversationId, next) : next();
    },
  };
}
