import { TurnContext } from 'botbuilder';

/** Channels where a shared conversation hears everything, so the bot waits to be mentioned. */
const MENTION_CHANNELS = new Set(['msteams', 'slack']);

/**
 * In a Teams or Slack channel the bot speaks only when mentioned, and the mention is not part of
 * what was said (it is taken out of the activity's text). One-to-one chats and the website are
 * always addressed to the bot.
 */
export function addressedToBot(context: TurnContext): boolean {
  const { activity } = context;
  const shared = activity.conversation?.isGroup || activity.conversation?.conversationType === 'channel';
  if (!shared || !MENTION_CHANNELS.has(activity.channelId)) return true;
  const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
  if (mentioned) activity.text = TurnContext.removeRecipientMention(activity)?.trim() ?? '';
  return mentioned;
}
