import type { ConversationReference, TurnContext } from 'botbuilder';

/** Runs `logic` in a turn of an existing conversation, outside any message from it. */
export type Continue = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * How to reach a conversation later, by its channel: the embedded Direct Line, Slack spoken to
 * directly, or (the fallback) the Azure Bot Service connector for Teams and the rest. Only the
 * channel id is needed, so a stored ConversationReference is enough to find the way back.
 */
export class ProactiveRoutes {
  private readonly routes = new Map<string, Continue>();
  private fallback: Continue | undefined;

  register(channelId: string, route: Continue): this {
    this.routes.set(channelId, route);
    return this;
  }

  otherwise(route: Continue): this {
    this.fallback = route;
    return this;
  }

  continue(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const route = this.routes.get(reference.channelId ?? '') ?? this.fallback;
    if (!route) return Promise.reject(new Error(`no way to reach a ${reference.channelId ?? 'channel-less'} conversation outside its turns`));
    return route(reference, logic);
  }
}
