import type { Activity } from 'botbuilder';
import type { Line } from '../handoff/transcript-line';

/** Entity on a message an agent wrote, so the transcript can say who it was. */
export const AGENT_MESSAGE_ENTITY = 'giftbot.agentMessage';

/**
 * A conversation's stored activities as an agent reads them: the messages in order, customer, bot
 * or agent, with the text each showed (a card's summary when it had no text). Typing, events and
 * empty messages are left out.
 */
export function transcriptLines(activities: readonly Activity[]): Line[] {
  const lines: Line[] = [];
  for (const activity of activities) {
    if (activity.type !== 'message') continue;
    const text = (activity.text || activity.summary || '').trim();
    if (!text) continue;
    // Only what the bot sent is an agent's line: a customer's activity carrying the marker is a
    // forgery (taken off on arrival since issue 12; transcripts stored before may still hold one).
    const fromCustomer = activity.from?.role === 'user';
    const agent = fromCustomer ? undefined : (activity.entities?.find((e) => e.type === AGENT_MESSAGE_ENTITY) as { name?: unknown; said?: unknown } | undefined);
    const at = new Date(activity.timestamp ?? 0).toISOString();
    if (agent) lines.push({ at, from: 'agent', name: typeof agent.name === 'string' ? agent.name : 'Agent', text: typeof agent.said === 'string' ? agent.said : text });
    else if (fromCustomer) lines.push({ at, from: 'customer', name: activity.from.name || 'Customer', text });
    else lines.push({ at, from: 'bot', name: 'giftbot', text });
  }
  return lines;
}
