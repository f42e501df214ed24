import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { HANDOFF_STATUS_EVENT } from './handoff-initiation';
import { AGENT_MESSAGE_ENTITY } from './transcript-lines';

/** Entity types only giftbot itself puts on what it sends: on an incoming activity they are forged. */
export const BOT_ONLY_ENTITIES: readonly string[] = [AGENT_MESSAGE_ENTITY, 'giftbot.secretWarning'];

/** Events only a contact centre sends (the Bot Framework handoff protocol); `handoff.initiate` is giftbot's own. */
export const CONTACT_CENTRE_EVENTS: readonly string[] = [HANDOFF_STATUS_EVENT, 'handoff.initiate'];

export interface SpoofingGuardOptions {
  /** HANDOFF_MODE: contact-centre events mean something only in external mode. */
  mode: 'internal' | 'external';
  /** HANDOFF_STATUS_CHANNELS: the contact centre's channel ids; never a customer channel (config refuses those). */
  statusChannels: readonly string[];
  /** Where the warnings go (the app's Logger fits; named here so the bot layer needn't import src/app). */
  log: { warn(event: string, fields?: Record<string, unknown>): void };
}

/**
 * Early in the pipeline, before state or transcript: what means "an agent said this" or "the
 * contact centre says" is honoured only from where it may come. Agent-message markers are taken off
 * every incoming activity (customers' clients can write any entity); contact-centre events from any
 * other channel end the turn there, so a forgery changes nothing and leaves no audit line. A warning
 * names the conversation, channel and what was dropped, never the content.
 */
export class SpoofingGuard implements Middleware {
  private readonly statusChannels: ReadonlySet<string>;

  constructor(private readonly options: SpoofingGuardOptions) {
    this.statusChannels = new Set(options.mode === 'external' ? options.statusChannels : []);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const where = { conversation: activity.conversation?.id, channel: activity.channelId };
    if (Array.isArray(activity.entities)) {
      const forged = activity.entities.filter((e) => BOT_ONLY_ENTITIES.includes(String((e as { type?: unknown } | null)?.type)));
      if (forged.length > 0) {
        activity.entities = activity.entities.filter((e) => !forged.includes(e));
        this.options.log.warn('spoofed-entity-dropped', { ...where, types: [...new Set(forged.map((e) => String(e.type)))] });
      }
    }
    if (activity.type === ActivityTypes.Event && CONTACT_CENTRE_EVENTS.includes(String(activity.name)) && !this.statusChannels.has(activity.channelId)) {
      this.options.log.warn('spoofed-event-ignored', { ...where, name: String(activity.name) });
      return; // the turn ends here: no state, no transcript line, no audit
    }
    await next();
  }
}
