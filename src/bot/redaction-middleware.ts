import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { redactActivity } from '../safety/redact-activity';
import type { Logger } from '../app/logger';

/** Where the middleware leaves what it hid, for the bot's warning. */
export const REDACTED_KINDS = Symbol('giftbot.redactedKinds');

/**
 * First in the pipeline: hides claim codes, PINs and card numbers in every incoming message before
 * state, transcript or log sees it. Strings inside `value` (card submissions) are redacted too.
 */
export class RedactionMiddleware implements Middleware {
  constructor(private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) {
      const { activity: hidden, found } = redactActivity(activity);
      activity.text = hidden.text;
      if (activity.value !== undefined) activity.value = hidden.value;
      context.turnState.set(REDACTED_KINDS, found);
      if (found.length > 0) this.log.info('secret-redacted', { conversation: activity.conversation?.id, kinds: found });
    }
    await next();
  }
}
