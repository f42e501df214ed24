import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

/** A conversation as the in-process adapter sees it. */
export interface InProcessConversation {
  id: string;
  channelId: string;
  isGroup?: boolean;
  user?: { id: string; name: string };
}

const REPLIES = Symbol('giftbot.replies');

/**
 * A Bot Framework adapter that runs turns in this process and hands back what the bot said in each
 * turn. The terminal chat and the benchmarks drive the real bot through it.
 */
export class InProcessAdapter extends BotAdapter {
  private nextId = 1;

  constructor(private readonly logic: (context: TurnContext) => Promise<void>) {
    super();
  }

  /** Runs one turn for `activity` in `conversation`; resolves with the bot's replies. */
  async process(conversation: InProcessConversation, partial: Partial<Activity>): Promise<Partial<Activity>[]> {
    const reference = referenceOf(conversation);
    const activity = TurnContext.applyConversationReference(
      { ...partial, id: String(this.nextId++), timestamp: new Date(), from: reference.user, recipient: reference.bot },
      reference,
      true,
    ) as Activity;
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, this.logic);
    return replies;
  }

  message(conversation: InProcessConversation, text: string): Promise<Partial<Activity>[]> {
    return this.process(conversation, { type: ActivityTypes.Message, text });
  }

  join(conversation: InProcessConversation): Promise<Partial<Activity>[]> {
    return this.process(conversation, { type: ActivityTypes.ConversationUpdate, membersAdded: [referenceOf(conversation).user!] });
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies: Partial<Activity>[] | undefined = context.turnState.get(REPLIES);
    replies?.push(...activities.filter((a) => a.type === ActivityTypes.Message || a.type === undefined));
    return activities.map(() => ({ id: String(this.nextId++) }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('in-process conversations cannot update a sent message');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('in-process conversations cannot delete a sent message');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.proactive(reference, logic);
  }

  /** A turn outside the conversation's messages (an agent's reply); resolves with what was sent in it. */
  async proactive(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true) as Activity;
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }
}

function referenceOf(conversation: InProcessConversation): ConversationReference {
  return {
    channelId: conversation.channelId,
    serviceUrl: '',
    conversation: { id: conversation.id, isGroup: conversation.isGroup ?? false, conversationType: conversation.isGroup ? 'channel' : 'personal', name: conversation.id },
    user: conversation.user ?? { id: `${conversation.id}-user`, name: 'You' },
    bot: { id: 'giftbot', name: 'giftbot' },
  };
}
