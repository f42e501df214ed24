import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { ConversationStore, DirectLineConversation } from './conversation-store';

export const DIRECTLINE_CHANNEL = 'directline';
export const BOT_ACCOUNT = { id: 'giftbot', name: 'giftbot' };

/**
 * Runs the bot for the embedded Direct Line endpoint. What the bot sends is appended to the
 * conversation (clients read it by watermark or stream). Turns of one conversation run one at a
 * time, in the order they arrived.
 */
export class DirectLineAdapter extends BotAdapter {
  private readonly queues = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private idle: Array<() => void> = [];

  constructor(private readonly store: ConversationStore, private readonly logic: (context: TurnContext) => Promise<void>, private readonly serviceUrl: string) {
    super();
  }

  /** Queues a turn for an activity already appended to the conversation; resolves when it ran. */
  turn(conversation: DirectLineConversation, activity: Activity): Promise<void> {
    return this.enqueue(conversation.id, () => this.run(activity, this.logic));
  }

  private enqueue(conversationId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.queues.set(conversationId, run);
    void run.finally(() => {
      if (this.queues.get(conversationId) === run) this.queues.delete(conversationId);
    }).catch(() => undefined);
    return run;
  }

  private async run(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    this.inFlight++;
    try {
      await this.runMiddleware(new TurnContext(this, activity), logic);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Resolves once no turn is running: how SIGTERM lets turns in flight finish. */
  drained(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  /** The activity a client posted, as the bot and the transcript should see it. */
  incoming(conversation: DirectLineConversation, activity: Partial<Activity>): Partial<Activity> {
    return {
      ...activity,
      channelId: DIRECTLINE_CHANNEL,
      serviceUrl: this.serviceUrl,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      recipient: BOT_ACCOUNT,
      timestamp: new Date(),
    };
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversation = this.store.get(context.activity.conversation.id);
    if (!conversation) throw new Error(`no Direct Line conversation ${context.activity.conversation.id}`);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Number(activity.value) || 1000));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === 'invokeResponse') {
        responses.push({ id: '' });
        continue;
      }
      const stored = this.store.append(conversation, {
        ...activity,
        channelId: DIRECTLINE_CHANNEL,
        conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
        from: BOT_ACCOUNT,
        recipient: context.activity.from,
        replyToId: activity.replyToId ?? context.activity.id,
        timestamp: new Date(),
      });
      responses.push({ id: stored.id! });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('the embedded Direct Line does not update sent activities');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('the embedded Direct Line does not delete sent activities');
  }

  /**
   * A turn outside the customer's messages (a support agent's reply), queued behind the
   * conversation's own turns so the two never change its state at once.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true) as Activity;
    const id = activity.conversation?.id;
    if (!id || !this.store.get(id)) throw new Error(`no Direct Line conversation ${id ?? ''}`);
    await this.enqueue(id, () => this.run(activity, logic));
  }
}
