import { z } from 'zod';
import type { InProcessConversation } from '../in-process-adapter';
import { fromSlackText } from './slack-text';

/** Where and to whom the bot's replies to one turn go. */
export interface SlackTarget {
  channel: string;
  /** Set in channels: replies go in the thread of the message that started the conversation. */
  threadTs?: string;
  /** The person whose message or click started the turn (ephemeral warnings go to them). */
  user: string;
  isGroup: boolean;
}

/** One Slack message or button click, as a turn of the bot. */
export interface SlackInbound {
  kind: 'mention' | 'direct' | 'button';
  conversation: InProcessConversation;
  target: SlackTarget;
  text: string;
}

// Only the fields the channel reads; Slack adds fields freely, so objects stay open.
const MentionEvent = z.looseObject({
  type: z.literal('app_mention'),
  user: z.string().min(1),
  text: z.string().default(''),
  ts: z.string().min(1),
  channel: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  edited: z.unknown().optional(),
});

const MessageEvent = z.looseObject({
  type: z.literal('message'),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  channel: z.string().min(1),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  edited: z.unknown().optional(),
});

const EventEnvelope = <T extends z.ZodType>(event: T) =>
  z.looseObject({ type: z.literal('event_callback'), team_id: z.string().min(1), event_id: z.string().min(1), event });

const BlockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.looseObject({ id: z.string().min(1) }).nullish(),
  channel: z.looseObject({ id: z.string().min(1) }).optional(),
  container: z.looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.looseObject({ type: z.string(), action_id: z.string().optional(), value: z.string().optional() })).min(1),
});

/** The id Slack gives an Events API delivery (the same on its retries), or null if it has none. */
export function eventIdOf(body: unknown): string | null {
  const parsed = z.looseObject({ event_id: z.string().min(1) }).safeParse(body);
  return parsed.success ? parsed.data.event_id : null;
}

/** An `app_mention` in a channel, or null when it is not one to answer (a bot's, an edit). */
export function fromMention(body: unknown, botUserId: string, teamId?: string): SlackInbound | null {
  const parsed = EventEnvelope(MentionEvent).safeParse(body);
  if (!parsed.success) return null;
  const event = parsed.data.event;
  if (event.bot_id !== undefined || event.subtype !== undefined || event.edited !== undefined) return null;
  const team = teamId ?? parsed.data.team_id;
  const threadTs = event.thread_ts ?? event.ts;
  return {
    kind: 'mention',
    conversation: { id: `slack:${team}:${event.channel}:${threadTs}`, channelId: 'slack', isGroup: true, user: person(event.user) },
    target: { channel: event.channel, threadTs, user: event.user, isGroup: true },
    text: fromSlackText(event.text, botUserId),
  };
}

/**
 * A person's message in a direct message with the bot, or null for anything else: channel
 * messages (a mention there arrives as `app_mention` too), bots' messages, edits, joins and other
 * subtypes.
 */
export function fromDirectMessage(body: unknown, botUserId: string, teamId?: string): SlackInbound | null {
  const parsed = EventEnvelope(MessageEvent).safeParse(body);
  if (!parsed.success) return null;
  const event = parsed.data.event;
  if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id !== undefined || event.edited !== undefined) return null;
  if (event.user === undefined || event.user === botUserId) return null;
  const team = teamId ?? parsed.data.team_id;
  return {
    kind: 'direct',
    conversation: { id: `slack:${team}:${event.channel}`, channelId: 'slack', isGroup: false, user: person(event.user) },
    target: { channel: event.channel, user: event.user, isGroup: false },
    text: fromSlackText(event.text ?? '', botUserId),
  };
}

/**
 * A click on one of the bot's choice buttons, as the person saying the button's value, in the
 * conversation of the message that held it. Null for link buttons (Slack opens the URL itself;
 * the click only needs acknowledging) and anything without a value.
 */
export function fromButton(body: unknown, teamId?: string): SlackInbound | null {
  const parsed = BlockActions.safeParse(body);
  if (!parsed.success) return null;
  const click = parsed.data;
  const action = click.actions[0];
  if (action?.type !== 'button' || action.value === undefined) return null;
  const channel = click.container?.channel_id ?? click.channel?.id;
  if (channel === undefined) return null;
  const team = teamId ?? click.team?.id ?? click.user.team_id ?? 'unknown';
  const user = click.user.id;
  // Direct-message channel ids start with D; the bot answers those without threads.
  if (channel.startsWith('D')) {
    return {
      kind: 'button',
      conversation: { id: `slack:${team}:${channel}`, channelId: 'slack', isGroup: false, user: person(user) },
      target: { channel, user, isGroup: false },
      text: action.value,
    };
  }
  const threadTs = click.message?.thread_ts ?? click.container?.thread_ts ?? click.message?.ts ?? click.container?.message_ts;
  if (threadTs === undefined) return null;
  return {
    kind: 'button',
    conversation: { id: `slack:${team}:${channel}:${threadTs}`, channelId: 'slack', isGroup: true, user: person(user) },
    target: { channel, threadTs, user, isGroup: true },
    text: action.value,
  };
}

function person(id: string): { id: string; name: string } {
  return { id, name: id };
}
