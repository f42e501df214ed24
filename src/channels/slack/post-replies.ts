import type { webApi } from '@slack/bolt';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { SECRET_WARNING_ENTITY } from '../../bot/conversation-memory';
import type { Logger } from '../../core/logger';
import type { SlackInbound } from './slack-inbound';
import { toSlackText } from './slack-text';

// Block Kit as src/bot/render.ts builds it; only the shape Slack insists on is checked here.
const Blocks = z.array(z.looseObject({ type: z.string().min(1) })).min(1);
const ChannelData = z.looseObject({ blocks: Blocks.optional() });

/**
 * Posts the bot's replies to one turn, in order: in a channel in the thread, in a direct message
 * straight into it. The "your code was hidden" warning goes, in a channel, only to the person who
 * pasted the code (it tells them to treat the code as exposed; nobody else needs that). A failed
 * call is logged with Slack's error code and the next reply is still tried: one refused message
 * must not take the rest of the answer, or the process, with it.
 */
export async function postReplies(client: webApi.WebClient, inbound: SlackInbound, replies: Partial<Activity>[], log: Logger): Promise<void> {
  const { target } = inbound;
  for (const reply of replies) {
    const parsed = ChannelData.safeParse(reply.channelData);
    const blocks = parsed.success ? parsed.data.blocks : undefined;
    // With blocks, `text` is only the notification fallback; without, it is the message itself.
    const text = toSlackText(reply.text ?? '');
    if (text === '' && blocks === undefined) continue;
    const thread = target.threadTs === undefined ? {} : { thread_ts: target.threadTs };
    const content = { channel: target.channel, text, ...(blocks ? { blocks } : {}), ...thread };
    const privately = target.isGroup && isSecretWarning(reply);
    const method = privately ? 'chat.postEphemeral' : 'chat.postMessage';
    try {
      if (privately) await client.chat.postEphemeral({ ...content, user: target.user });
      else await client.chat.postMessage(content);
    } catch (err) {
      log.error('slack-api-error', { conversation: inbound.conversation.id, method, ...describe(err) });
    }
  }
}

function isSecretWarning(reply: Partial<Activity>): boolean {
  return (reply.entities ?? []).some((entity) => entity.type === SECRET_WARNING_ENTITY);
}

/** Slack's error code and nothing else: the error's other fields echo the request, text included. */
function describe(err: unknown): Record<string, unknown> {
  const e = err as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : 'unknown',
    ...(typeof e?.data?.error === 'string' ? { error: e.data.error } : {}),
    ...(typeof e?.statusCode === 'number' ? { status: e.statusCode } : {}),
  };
}
