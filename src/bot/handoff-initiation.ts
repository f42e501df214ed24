import { EventFactory, type Activity, type TranscriptStore, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { HandoffRequest } from '../handoff/handoff-queue';
import { redactActivity } from '../safety/redact-activity';
import { redactSecrets } from '../safety/secret-redactor';

/** The context giftbot gives a contact centre with `handoff.initiate`: what the agent needs first. */
export interface HandoffContext {
  summary: string;
  brand: string | null;
  amount: number | null;
  /** Knowledge entry ids of the fixes already tried. */
  tried: string[];
}

/**
 * Hands the conversation to a contact centre by the Bot Framework handoff protocol: a
 * `handoff.initiate` event (EventFactory.createHandoffInitiation) carrying the summary and the
 * redacted transcript, including the message that asked for a person. Everything was redacted on
 * the way in; each activity and the summary are redacted once more here, because this one leaves
 * giftbot for another company's system.
 */
export async function sendHandoffInitiation(context: TurnContext, request: HandoffRequest, transcripts: TranscriptStore): Promise<void> {
  const { activity } = context;
  const stored = await transcripts.getTranscriptActivities(activity.channelId, activity.conversation.id);
  const activities: Activity[] = [...stored.items.filter((a) => a.id !== activity.id), activity].map((a) => redactActivity(a).activity);
  const handoffContext: HandoffContext = { summary: redactSecrets(request.summary).text, brand: request.brand, amount: request.amount, tried: request.tried };
  await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, { activities }));
}

/** What a contact centre sends back: `handoff.status` with accepted, failed or completed. */
export const HandoffStatusSchema = z.object({
  state: z.enum(['accepted', 'failed', 'completed']),
  message: z.string().optional(),
});
export type HandoffStatus = z.infer<typeof HandoffStatusSchema>;

export const HANDOFF_STATUS_EVENT = 'handoff.status';
