import type { Activity, Attachment, Middleware, TranscriptStore, TurnContext } from 'botbuilder';
import type { Logger } from '../core/logger';
import { errorFields } from '../core/error-fields';
import { CHOICE_KEY } from './render';

/**
 * A card button click arrives as a message with the choice in `value` and no text (Teams'
 * Action.Submit). Before the transcript logger copies the activity, the choice becomes its text,
 * so the agent reads "Did that work?" → "Yes, it worked" → "Great, glad that sorted it!".
 *
 * On Teams the person sees no bubble for a submit (messageBack's displayText would give one in
 * Teams, but the Agents Playground drops such clicks), so the clicked card is updated in place:
 * the same question, its choice buttons gone (no second click on an old card), and the chosen
 * answer under it. The card is read back from the transcript by the click's `replyToId` — never
 * from what the client sent — and shows the choice only if it is one of its own buttons; a card
 * that can't be found or updated is left as it was.
 *
 * It runs after redaction: `value` was redacted at the edge like every other field.
 */
export class CardChoiceMiddleware implements Middleware {
  constructor(
    private readonly transcripts: TranscriptStore,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const choice = cardChoice(context.activity);
    if (choice !== undefined) {
      context.activity.text = choice;
      if (context.activity.channelId === 'msteams') await this.showChoice(context, choice);
    }
    await next();
  }

  private async showChoice(context: TurnContext, choice: string): Promise<void> {
    const { activity } = context;
    if (!activity.replyToId) return;
    try {
      const stored = await this.transcripts.getTranscriptActivities(activity.channelId, activity.conversation.id);
      const card = stored.items.find((a) => a.id === activity.replyToId && a.from?.role !== 'user')?.attachments?.find(isAdaptiveCard);
      // Only one of the card's own choices is shown on it: a crafted `value` can't write on the bot's card.
      if (!card || !offers(card, choice)) return;
      await context.updateActivity({ type: 'message', id: activity.replyToId, conversation: activity.conversation, attachments: [answered(card, choice)] });
    } catch (err) {
      // Showing the choice is a courtesy: the turn goes on without it.
      this.log.warn('card-choice-not-shown', { conversation: activity.conversation.id, ...errorFields(err) });
    }
  }
}

/** The choice a card button sent, when the message has no text of its own. */
export function cardChoice(activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message' || (activity.text ?? '').trim() !== '') return undefined;
  const choice = (activity.value as Record<string, unknown> | undefined)?.[CHOICE_KEY];
  return typeof choice === 'string' && choice.trim() !== '' ? choice : undefined;
}

function isAdaptiveCard(attachment: Attachment): boolean {
  return attachment.contentType === 'application/vnd.microsoft.card.adaptive';
}

interface CardContent {
  body?: unknown[];
  actions?: Array<{ type?: unknown; data?: Record<string, unknown> }>;
}

function offers(card: Attachment, choice: string): boolean {
  return ((card.content as CardContent).actions ?? []).some((a) => a.type === 'Action.Submit' && a.data?.[CHOICE_KEY] === choice);
}

/** The card as answered: its text, its links, and the person's choice, right-aligned as their own line. */
function answered(card: Attachment, choice: string): Attachment {
  const content = card.content as CardContent;
  return {
    ...card,
    content: {
      ...content,
      body: [...(content.body ?? []), { type: 'TextBlock', text: choice, wrap: true, weight: 'Bolder', horizontalAlignment: 'Right', color: 'Accent' }],
      actions: (content.actions ?? []).filter((a) => a.type !== 'Action.Submit'),
    },
  };
}
