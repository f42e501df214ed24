import type { Utterance } from '../understanding/utterance';
import type { FlowSet } from './flow-loader';
import type { GlobalFile } from './flow-schema';
import { PhraseSet } from './input-readers';
import { slotView, type Slots } from './slots';

export type CommandName = keyof GlobalFile['commands'];

export type Route =
  | { kind: 'empty' }
  | { kind: 'command'; command: CommandName }
  | { kind: 'flow'; flow: string; slots: Slots };

/**
 * What a message means when no flow is waiting for it, in the order of the design: commands
 * (help, cancel, start over, a person) → an error message the knowledge base knows → a flow's
 * trigger phrases (sell, swap, redeem…) → a question for the knowledge base, which answers,
 * asks "did you mean…", or admits it doesn't know.
 */
export class Router {
  private readonly triggers: Array<{ flow: string; says: PhraseSet; set: Slots }>;
  private readonly commands: Array<{ name: CommandName; says: PhraseSet }>;

  constructor(private readonly flows: FlowSet) {
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
    const command = this.command(utterance);
    if (command) return { kind: 'command', command };
    const global = this.flows.global;
    const brand = slotView(memory).brand ?? null;
    const found = utterance.search(brand);
    if (found.decision === 'answer' && found.results[0]?.kind === 'error') {
      return { kind: 'flow', flow: global.flows.troubleshoot, slots: {} };
    }
    let best: { flow: string; set: Slots; length: number } | undefined;
    for (const trigger of this.triggers) {
      const phrase = trigger.says.longestInSimplified(utterance.simplified);
      if (phrase && (!best || phrase.length > best.length)) best = { flow: trigger.flow, set: trigger.set, length: phrase.length };
    }
    if (best) return { kind: 'flow', flow: best.flow, slots: best.set };
    return { kind: 'flow', flow: global.flows.question, slots: {} };
  }
}
