import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { createGiftbot } from '../../src/app/create-giftbot';
import type { Giftbot } from '../../src/channels/bot-app';
import { jsonLogger } from '../../src/app/logger';
import { loadConfig } from '../../src/config/config';
import { MemoryLog } from '../../src/core/record-log';
import { ROOT } from './paths';

export interface Harness {
  giftbot: Giftbot;
  adapter: TestAdapter;
  logs: string[];
  /** Sends a message (or joins) and returns every activity the bot sent in that turn. */
  say(text: string): Promise<Partial<Activity>[]>;
  join(): Promise<Partial<Activity>[]>;
}

/** The real wired bot on botbuilder's TestAdapter, with its logs captured. */
export function harness(options: { group?: boolean; env?: NodeJS.ProcessEnv; channel?: string; conversation?: string } = {}): Harness {
  const logs: string[] = [];
  const giftbot = createGiftbot(loadConfig(options.env ?? {}), { root: ROOT, log: jsonLogger((line) => logs.push(line)), audit: new MemoryLog(), notes: new MemoryLog() });
  const channelId = options.channel ?? 'test';
  const adapter = new TestAdapter(async (context) => giftbot.bot.run(context), {
    channelId,
    conversation: { id: options.conversation ?? 'convo-1', isGroup: options.group ?? false, conversationType: options.group ? 'channel' : 'personal', name: 'test' },
  });
  for (const middleware of giftbot.middleware) adapter.use(middleware);
  // TestAdapter has no continueConversation; a turn of an event from the stored reference is the same thing.
  giftbot.routes.register(channelId, (reference, logic) =>
    adapter.processActivity(TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true), logic),
  );
  const drain = () => adapter.activeQueue.splice(0, adapter.activeQueue.length);
  return {
    giftbot,
    adapter,
    logs,
    async say(text) {
      await adapter.receiveActivity(text);
      return drain();
    },
    async join() {
      await adapter.receiveActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: 'User1' }], recipient: { id: 'bot', name: 'Bot' } });
      return drain();
    },
  };
}

export function choicesOf(activity: Partial<Activity>): string[] {
  return activity.suggestedActions?.actions.map((a) => a.title ?? String(a.value)) ?? [];
}

export function linkOf(activity: Partial<Activity>): string | undefined {
  const card = activity.attachments?.[0]?.content as { buttons?: Array<{ value: string }> } | undefined;
  return card?.buttons?.[0]?.value;
}
