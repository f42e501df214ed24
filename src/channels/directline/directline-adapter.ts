import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { isEtagConflict } from '../../core/etag-conflict';
import { redactActivity } from '../../safety/redact-activity';
import type { TurnCommit } from '../../storage/backend';
import type { DirectLineStore } from './conversation-store';

export const DIRECTLINE_CHANNEL = 'directline';
export const BOT_ACCOUNT = { id: 'giftbot', name: 'giftbot' };

/** Another writer saved the conversation's state first: the turn runs again from fresh state. */
const MAX_ATTEMPTS = 3;
/** Where a turn's replies wait until its state is saved. */
const OUTBOX = Symbol('giftbot.outbox');

/**
 * Runs the bot for the embedded Direct Line endpoint. Each turn runs in the backend's turn commit:
 * turns of one conversation one at a time, in arrival order (across instances on Redis), and what a
 * turn keeps kept together or not at all. A turn's replies are held until
 * it finishes: if its state save lost a race (an eTag conflict), they are dropped and the turn runs
 * again, so the customer never sees an answer whose state was not kept.
 */
export class DirectLineAdapter extends BotAdapter {
  private inFlight = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly store: DirectLineStore,
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly serviceUrl: string,
    private readonly turns: TurnCommit,
  ) {
    super();
  }

  /** Queues a turn for an activity already appended to the conversation; resolves when it ran. */
  turn(conversationId: string, activity: Activity): Promise<void> {
    return this.atomically(conversationId, () => this.run(activity, this.logic));
  }

  /**
   * A client's post: appended and answered under the conversation's lock, so the order in which
   * posts are stored is the order in which they are answered, on any instance. The post, the bot's
   * state and its replies are kept together or (storage failing part way) not at all.
   */
  receive(conversationId: string, activity: Partial<Activity>, stored: (echo: Activity) => Promise<void>): Promise<void> {
    return this.atomically(conversationId, async () => {
      // The router has redacted the post already; redacting again costs little and keeps a code out
      // of the store whoever calls this. The turn gets the activity with the router's mark of what
      // it hid (for the bot's warning).
      const echo = await this.store.append(conversationId, redactActivity(activity).activity);
      await stored(echo);
      await this.run({ ...activity, id: echo.id, timestamp: echo.timestamp } as Activity, this.logic);
    });
  }

  /** A turn, counted in flight from when it queues until what it keeps is committed (so SIGTERM waits for the commit too). */
  private async atomically(conversationId: string, fn: () => Promise<void>): Promise<void> {
    this.inFlight++;
    try {
      await this.turns.atomically(conversationId, fn);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  private async run(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const context = new TurnContext(this, { ...activity });
      const outbox: Partial<Activity>[] = [];
      context.turnState.set(OUTBOX, outbox);
      try {
        await this.middleware.run(context, () => logic(context));
      } catch (err) {
        if (isEtagConflict(err) && attempt < MAX_ATTEMPTS) continue;
        outbox.length = 0;
        if (!this.onTurnError) throw err;
        await this.onTurnError(context, err as Error);
      }
      await this.deliver(context, outbox);
      return;
    }
  }

  /** Resolves once no turn is running: how SIGTERM lets turns in flight finish. */
  drained(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  /** The activity a client posted, as the bot and the transcript should see it. */
  incoming(conversationId: string, activity: Partial<Activity>): Partial<Activity> {
    return {
      ...activity,
      channelId: DIRECTLINE_CHANNEL,
      serviceUrl: this.serviceUrl,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      recipient: BOT_ACCOUNT,
      timestamp: new Date(),
    };
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox: Partial<Activity>[] | undefined = context.turnState.get(OUTBOX);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      // Replies are sent together when the turn ends, so a pause between them means nothing here.
      if (activity.type === 'delay' || activity.type === 'invokeResponse') {
        responses.push({ id: '' });
        continue;
      }
      const addressed = this.outgoing(context, activity);
      // Inside a turn the reply waits in the outbox: it has no id until the store gives it one.
      if (outbox) outbox.push(addressed);
      else await this.store.append(context.activity.conversation.id, addressed);
      responses.push({ id: '' });
    }
    return responses;
  }

  private outgoing(context: TurnContext, activity: Partial<Activity>): Partial<Activity> {
    const conversationId = context.activity.conversation.id;
    return {
      ...activity,
      channelId: DIRECTLINE_CHANNEL,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: BOT_ACCOUNT,
      recipient: context.activity.from,
      replyToId: activity.replyToId ?? context.activity.id,
      timestamp: new Date(),
    };
  }

  private async deliver(context: TurnContext, outbox: Partial<Activity>[]): Promise<void> {
    for (const activity of outbox) await this.store.append(context.activity.conversation.id, activity);
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
    if (!id || !(await this.store.get(id))) throw new Error(`no Direct Line conversation ${id ?? ''}`);
    await this.atomically(id, () => this.run(activity, logic));
  }
}
