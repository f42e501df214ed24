import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { redactSecrets, type SecretKind } from '../safety/secret-redactor';
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
      const found = new Set<SecretKind>();
      if (typeof activity.text === 'string') {
        const result = redactSecrets(activity.text);
        result.found.forEach((k) => found.add(k));
        activity.text = result.text;
      }
      if (activity.value !== undefined) activity.value = redactValue(activity.value, found);
      context.turnState.set(REDACTED_KINDS, [...found]);
      if (found.size > 0) this.log.info('secret-redacted', { conversation: activity.conversation?.id, kinds: [...found] });
    }
    await next();
  }
}

function redactValue(value: unknown, found: Set<SecretKind>): unknown {
  if (typeof value === 'string') {
    const result = redactSecrets(value);
    result.found.forEach((k) => found.add(k));
    return result.text;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, found));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, found)]));
  }
  return value;
}
