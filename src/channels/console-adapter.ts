import type { Activity, TurnContext } from 'botbuilder';
import { InProcessAdapter, type InProcessConversation } from './in-process-adapter';

/**
 * The terminal as a channel: what you type is a message, what the bot sends is printed, choices
 * numbered so "2" picks the second. `giftbot chat` runs the real bot on it.
 */
export class ConsoleAdapter extends InProcessAdapter {
  private lastChoices: string[] = [];
  private readonly conversation: InProcessConversation = { id: `console-${process.pid}`, channelId: 'console', user: { id: 'console-user', name: 'You' } };

  constructor(logic: (context: TurnContext) => Promise<void>, private readonly write: (text: string) => void) {
    super(logic);
  }

  /** The person "joins": the bot's greeting. */
  async start(): Promise<void> {
    this.print(await this.join(this.conversation));
  }

  /** One line typed; a number picks from the last choices shown. */
  async receive(line: string): Promise<void> {
    const picked = /^\s*(\d+)\s*$/.exec(line);
    const choice = picked ? this.lastChoices[Number(picked[1]) - 1] : undefined;
    this.print(await this.message(this.conversation, choice ?? line));
  }

  private print(activities: Partial<Activity>[]): void {
    for (const activity of activities) {
      const lines = [`bot › ${(activity.text ?? '').replace(/\*\*/g, '').replace(/\n/g, '\n      ')}`];
      for (const attachment of activity.attachments ?? []) {
        const buttons = (attachment.content as { buttons?: Array<{ title: string; value: string }> } | undefined)?.buttons ?? [];
        for (const button of buttons) lines.push(`      → ${button.title}: ${button.value}`);
      }
      const choices = activity.suggestedActions?.actions.map((a) => a.title ?? String(a.value)) ?? [];
      if (choices.length > 0) {
        this.lastChoices = choices;
        choices.forEach((choice, i) => lines.push(`      ${i + 1}) ${choice}`));
      }
      this.write(`${lines.join('\n')}\n`);
    }
  }
}
