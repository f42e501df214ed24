import type { IntentReading } from '../understanding/intent-classifier';
import type { IntentName } from '../understanding/intent-schema';
import { asksSomething, isQuestion } from '../understanding/entities';
import { looksNonEnglish } from '../understanding/non-english';
import type { Utterance } from '../understanding/utterance';
import type { FlowSet } from './flow-loader';
import type { GlobalFile } from './flow-schema';
import { cardNamed } from './card-named';
import { PhraseSet } from './input-readers';
import { slotView, type Slots } from './slots';

export type CommandName = keyof GlobalFile['commands'];
export type SmallTalk = 'thanks' | 'goodbye' | 'bot';
/** A thank-you that also takes leave gets the goodbye. */
const BYE = /\b(?:bye|goodbye|good bye|cya|see (?:you|ya)|take care|thats (?:all|everything)|im (?:done|off|good now)|have a good)\b/;

export type Route =
  | { kind: 'empty' }
  | { kind: 'command'; command: CommandName }
  | { kind: 'small-talk'; say: SmallTalk }
  /** "Carry on where we were", "go back", "I already did that" with no flow waiting: the stopped flow, if any. */
  | { kind: 'resume' }
  | { kind: 'flow'; flow: string; slots: Slots };

/** What interrupts a flow waiting for an answer, before its prompt reads the message. */
export type Interruption =
  | { kind: 'command'; command: CommandName }
  | { kind: 'small-talk'; say: SmallTalk }
  | { kind: 'move'; move: 'back' | 'skip' | 'reprompt' }
  /** Another matter (a question, an error, the account, a complaint): handled, then back to the flow. */
  | { kind: 'flow'; flow: string };

/**
 * How the waiting step reads its answer: a choice or a walkthrough takes short replies; an ask takes
 * a value (a brand, an amount, a contact); a text prompt takes whatever is said (a summary for the
 * team, the error on screen, a message), so only commands and moves break into it.
 */
export type PromptKind = 'choose' | 'walk' | 'ask' | 'text';

/** Below this the model's guess gives way to the phrase-and-search ladder that ran before it. */
export const CONFIDENT = 0.55;
/** A question at a prompt: a question mark, or the words a question starts with. */

/**
 * What a message means. With no flow waiting: commands, small talk and the marketplace-account and
 * complaint answers by intent, then the design's ladder (an error the knowledge base knows → a
 * flow's trigger phrases → a question for the knowledge base). With a flow waiting: what interrupts it.
 */
export class Router {
  private readonly triggers: Array<{ flow: string; says: PhraseSet; set: Slots }>;
  private readonly commands: Array<{ name: CommandName; says: PhraseSet }>;

  /** `otherBrand`: a brand without an article named in a text ("Roblox"), for a card named and nothing asked. */
  constructor(private readonly flows: FlowSet, private readonly otherBrand?: (text: string) => string | null) {
    this.triggers = [...flows.flows.values()].flatMap(({ flow }) =>
      (flow.triggers ?? []).map((t) => ({ flow: flow.id, says: new PhraseSet(t.says), set: { ...(t.set ?? {}) } })),
    );
    const order: CommandName[] = ['cancel', 'restart', 'person', 'help', 'hello'];
    this.commands = order.map((name) => ({ name, says: new PhraseSet(flows.global.commands[name].says) }));
  }

  /** A command, said on its own or in a short message ("can I talk to a person?"). */
  command(utterance: Utterance): CommandName | null {
    // Greetings only count as the whole message: "hi, my code won't work" is about the code.
    const said = utterance.simplified;
    return this.commands.find(({ name, says }) => says.saidInSimplified(said, name === 'hello' ? 0 : 6))?.name ?? null;
  }

  route(utterance: Utterance, memory: Readonly<Slots>): Route {
    if (utterance.blank && !/[^\s]/.test(utterance.text.replace(/\[code hidden\]/g, ''))) return { kind: 'empty' };
    if (looksNonEnglish(utterance.text)) return { kind: 'flow', flow: this.flows.global.flows.englishOnly, slots: {} };
    const reading = sure(utterance.intent);
    const byRule = reading && reading.by !== 'model' ? this.byIntent(reading.intent, utterance) : null;
    if (byRule) return byRule;
    const command = this.command(utterance);
    if (command) return { kind: 'command', command };
    const byIntent = reading ? this.byIntent(reading.intent, utterance) : null;
    if (byIntent) return byIntent;
    const global = this.flows.global;
    const brand = slotView(memory).brand ?? null;
    const found = utterance.search(brand);
    // An error the knowledge base knows wins over trigger words, not over a task the model is sure of
    // ("I want to redeem my amazon card on amazon.ca" is a walkthrough that warns about the marketplace).
    const task = reading?.intent === 'redeem' || reading?.intent === 'sell' || reading?.intent === 'swap';
    if (reading?.intent === 'error' || (!task && found.decision === 'answer' && found.results[0]?.kind === 'error')) {
      return { kind: 'flow', flow: global.flows.troubleshoot, slots: {} };
    }
    // A question the model is sure of is answered as one, whatever verbs it holds ("ok", "sell").
    if (reading?.intent === 'question') return { kind: 'flow', flow: global.flows.question, slots: {} };
    let best: { flow: string; set: Slots; length: number } | undefined;
    for (const trigger of this.triggers) {
      const phrase = trigger.says.longestInSimplified(utterance.simplified);
      if (phrase && (!best || phrase.length > best.length)) best = { flow: trigger.flow, set: trigger.set, length: phrase.length };
    }
    if (best) return { kind: 'flow', flow: best.flow, slots: best.set };
    // No task word reached a flow and the knowledge base has nothing: a card named alone gets the choices.
    const card = global.flows.cardNamed ? cardNamed(utterance, this.otherBrand) : null;
    if (card) return { kind: 'flow', flow: global.flows.cardNamed!, slots: { brand: card } };
    return { kind: 'flow', flow: global.flows.question, slots: {} };
  }

  /**
   * What breaks into a flow waiting at a `prompt`. A button's own label never does; commands and
   * small talk always do; a question or an error only where the prompt wants a short reply (a
   * choice, a walkthrough's "done") or when asked outright at a free-text prompt.
   */
  interruption(utterance: Utterance, prompt: PromptKind, isOption: boolean): Interruption | null {
    const reading = sure(utterance.intent);
    // Asking for a person wins over everything, a button's words included ("error — can I talk to someone?").
    if (reading?.intent === 'person') return { kind: 'command', command: 'person' };
    if (isOption) return null;
    const command = this.command(utterance);
    if (command) return { kind: 'command', command };
    const global = this.flows.global;
    const asked = asksSomething(utterance.text);
    const shortReply = prompt === 'choose' || prompt === 'walk';
    // A choice or a walkthrough never swallows a question, even one the model can't place.
    // Nor does a value prompt swallow a question of a few words ("how much will I get for it?" is no brand).
    // A sentence that ends as a question or opens like one ("steam?x=1#frag" is neither).
    const sentence = utterance.tokens.words.filter((w) => /^\p{L}{2,}$/u.test(w)).length >= 4 && isQuestion(utterance.text);
    if (!reading) return (shortReply || (prompt === 'ask' && sentence)) && asked && utterance.intent !== null ? { kind: 'flow', flow: global.flows.question } : null;
    // Whatever is said at a text prompt is its answer ("where is my order" is a fine summary for the team).
    const matter = prompt !== 'text';
    switch (reading.intent) {
      case 'cancel':
      case 'restart':
      case 'help':
        return { kind: 'command', command: reading.intent };
      case 'back':
      case 'skip':
        return { kind: 'move', move: reading.intent };
      case 'resume':
        return { kind: 'move', move: 'reprompt' };
      case 'thanks':
        return matter ? { kind: 'small-talk', say: BYE.test(utterance.normalized.replace(/'/g, '')) ? 'goodbye' : 'thanks' } : null;
      case 'bot':
        return matter ? { kind: 'small-talk', say: 'bot' } : null;
      case 'account':
        return (shortReply || (matter && asked)) ? { kind: 'flow', flow: global.flows.account } : null;
      case 'complaint':
        return shortReply ? { kind: 'flow', flow: global.flows.complaint } : null;
      case 'question':
        return (shortReply || (matter && asked)) ? { kind: 'flow', flow: global.flows.question } : null;
      case 'error':
        return prompt === 'choose' && asked ? { kind: 'flow', flow: global.flows.troubleshoot } : null;
      case 'scam': // the bot answers scams before any flow reads the message
      case 'redeem':
      case 'sell':
      case 'swap':
      case 'greeting':
      case 'other':
        return null;
      default: {
        const unknown: never = reading.intent;
        return unknown;
      }
    }
  }

  private byIntent(intent: IntentName, utterance: Utterance): Route | null {
    const flows = this.flows.global.flows;
    switch (intent) {
      case 'person':
      case 'cancel':
      case 'restart':
      case 'help':
        return { kind: 'command', command: intent };
      case 'greeting':
        return { kind: 'command', command: 'hello' };
      case 'thanks':
        return { kind: 'small-talk', say: BYE.test(utterance.normalized.replace(/'/g, '')) ? 'goodbye' : 'thanks' };
      case 'bot':
        return { kind: 'small-talk', say: 'bot' };
      case 'resume':
      case 'back':
      case 'skip':
        return { kind: 'resume' };
      case 'account':
        return { kind: 'flow', flow: flows.account, slots: {} };
      case 'complaint':
        return { kind: 'flow', flow: flows.complaint, slots: {} };
      case 'scam': // answered by the bot before routing
      case 'other':
      case 'redeem':
      case 'error':
      case 'question':
      case 'sell':
      case 'swap':
        return null;
      default: {
        const unknown: never = intent;
        return unknown;
      }
    }
  }
}

/** The reading when a rule decided or the model is confident; otherwise none (the ladder decides). */
function sure(reading: IntentReading | null): IntentReading | null {
  return reading && (reading.by !== 'model' || reading.confidence >= CONFIDENT) ? reading : null;
}
