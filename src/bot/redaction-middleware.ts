import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../core/logger';
import { foundAtEdge, IncomingRedactor, redactedAtEdge } from '../safety/incoming-redactor';
import type { SecretKind } from '../safety/secret-redactor';

/** Where the middleware leaves what it hid, for the bot's warning. */
export const REDACTED_KINDS = Symbol('giftbot.redactedKinds');

/**
 * First in the pipeline, for every activity type: hides claim codes, PINs and card numbers in
 * every string of the incoming activity before state, transcript or log sees it. An activity a
 * channel's edge already redacted (src/safety/incoming-redactor.ts; it carries the edge's mark) is
 * not walked again; anything else is — adapters without an edge (the terminal chat, tests), or an
 * adapter that rebuilt the activity from the redacted body. What was found is left in turn state
 * for the bot's warning.
 */
export class RedactionMiddleware implements Middleware {
  private readonly redactor: IncomingRedactor;

  /** `cut`: the configured length cut, applied to the text before it is redacted. */
  constructor(private readonly log: Logger, cut?: (text: string) => string) {
    this.redactor = new IncomingRedactor(cut ? { cut } : {});
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // The activity object is the turn's own: it is rewritten in place, so everything holding it
    // (the transcript logger clones it later) sees only the redacted one.
    const activity = context.activity as unknown as Record<string, unknown>;
    if (redactedAtEdge(activity)) return this.done(context, foundAtEdge(activity), next);
    const hidden = this.redactor.redact(activity);
    const found: SecretKind[] = foundAtEdge(hidden);
    for (const key of Object.keys(activity)) delete activity[key];
    // Not Object.assign: a "__proto__" key must stay a key, not set the activity's prototype.
    for (const key of Reflect.ownKeys(hidden)) Object.defineProperty(activity, key, Object.getOwnPropertyDescriptor(hidden, key)!);
    return this.done(context, found, next);
  }

  private async done(context: TurnContext, found: SecretKind[], next: () => Promise<void>): Promise<void> {
    context.turnState.set(REDACTED_KINDS, found);
    if (found.length > 0) this.log.info('secret-redacted', { conversation: context.activity.conversation?.id, type: context.activity.type, kinds: found });
    await next();
  }
}
