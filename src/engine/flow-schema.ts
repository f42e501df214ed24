import { z } from 'zod';
import { KebabIdSchema } from '../knowledge/brand-schema';

/**
 * The conversation flows as data (dialogs/*.json). Steps are typed; conditions are data, never code
 * in strings; every word the bot says lives here. Stage one (this file) checks each file's shape;
 * stage two (flow-check.ts) checks what refers to what.
 */
const text = z.string().trim().min(1, 'must not be empty');
const stepId = KebabIdSchema;
const flowId = KebabIdSchema;
export const SlotNameSchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'must be a camelCase slot name, like "brand" or "wantedBrand"');
/** A knowledge entry id, "amazon/this-code-is-not-valid" or "generic/…". */
const entryRef = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be a knowledge entry id like "generic/why-wont-my-gift-card-code-work"');

/** Facts the engine knows about the conversation, for branches. */
export const FactSchema = z.enum([
  /** The brand is in the knowledge base (not just a name someone typed). */
  'brandListed',
  /** The text named a marketplace of another country than the brand's ("amazon.ca" for a .com card). */
  'regionMismatch',
  /** A shared channel or group chat, not one to one. */
  'inGroup',
]);

export type Condition =
  | { slot: string; set: boolean }
  | { slot: string; equals: string | number | boolean }
  | { slot: string; atLeast: number }
  | { fact: z.infer<typeof FactSchema>; is?: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ slot: SlotNameSchema, set: z.boolean() }),
    z.strictObject({ slot: SlotNameSchema, equals: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({ slot: SlotNameSchema, atLeast: z.number() }),
    z.strictObject({ fact: FactSchema, is: z.boolean().optional() }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ], { error: 'must be a condition: {slot, set|equals|atLeast}, {fact}, {all}, {any} or {not}' }),
);

export const OptionSchema = z
  .strictObject({
    label: text,
    /** Stored in the step's slot when chosen; defaults to the label. */
    value: z.string().optional(),
    /** Other things people type that mean this option ("cash" for "Sell for cash"). */
    says: z.array(text).optional(),
    next: stepId.optional(),
    flow: flowId.optional(),
  })
  .refine((o) => (o.next === undefined) !== (o.flow === undefined), 'needs exactly one of "next" (a step) or "flow"');

const base = { id: stepId };
const next = { next: stepId.optional() };
export const StepSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...base, type: z.literal('say'), text, ...next }),
    z.strictObject({
      ...base,
      type: z.literal('ask'),
      slot: SlotNameSchema,
      /** How the answer is read: a brand (fuzzy), an amount (validated), an email or phone number, or any text. */
      expect: z.enum(['brand', 'amount', 'contact', 'text']),
      prompt: text,
      /** Said when the answer can't be read; then the prompt's choices again. */
      retry: text,
      /** expect "amount": said instead of `retry` when the amount is over MAX_AMOUNT ({amount.max} in the card's currency). */
      tooMuch: text.optional(),
      /** Brand ids offered as buttons. */
      suggest: z.array(KebabIdSchema).optional(),
      /** Makes the question optional: these answers (also offered as a button) leave the slot empty. */
      skip: z.array(text).min(1).optional(),
      ...next,
    }),
    z.strictObject({
      ...base,
      type: z.literal('choose'),
      prompt: text,
      slot: SlotNameSchema.optional(),
      options: z.array(OptionSchema).min(1, 'needs at least one option'),
      /** Also offer the knowledge entries the last match was torn between; choosing one goes here. */
      candidates: z.strictObject({ next: stepId }).optional(),
      retry: text,
      /** "route": an answer that is none of the options is taken as a new request (a question at the menu). */
      otherwise: z.literal('route').optional(),
    }),
    z.strictObject({
      ...base,
      type: z.literal('match'),
      /** The slot holding the text to look up. */
      input: SlotNameSchema,
      kinds: z.array(z.enum(['error', 'faq'])).min(1).optional(),
      /** Entries already tried are passed over: the next-closest fix comes instead. */
      skipTried: z.boolean().optional(),
      /** When nothing new matches: this entry, or the brand's own version of it. */
      fallback: entryRef.optional(),
      onAnswer: stepId,
      onClarify: stepId,
      onNone: stepId,
    }),
    z.strictObject({
      ...base,
      type: z.literal('branch'),
      cases: z.array(z.strictObject({ when: ConditionSchema, next: stepId })).min(1, 'needs at least one case'),
      else: stepId,
    }),
    z.strictObject({
      ...base,
      type: z.literal('set'),
      slot: SlotNameSchema,
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
      add: z.number().optional(),
      ...next,
    }).refine((s) => (s.value === undefined) !== (s.add === undefined), 'needs exactly one of "value" or "add"'),
    z.strictObject({
      ...base,
      type: z.literal('walk'),
      /** Which of the brand's lists to walk through, one item a turn. */
      list: z.enum(['steps']),
      prompt: text,
      done: text,
      error: text,
      stop: text,
      /** Other words that mean done ("next", "ok"). */
      advance: z.array(text),
      retry: text,
      onError: stepId,
      onStop: stepId,
      ...next,
    }),
    z.strictObject({
      ...base,
      type: z.literal('link'),
      text,
      button: text,
      /** Said instead when the brand isn't one the marketplace lists. */
      unlisted: text,
      ...next,
    }),
    z.strictObject({
      ...base,
      type: z.literal('handoff'),
      summary: SlotNameSchema,
      /** Said once the request is in the queue ({handoff.position}, {handoff.wait}). */
      text,
      /** Said when a contact centre takes over instead (HANDOFF_MODE=external). */
      external: text,
      /** Where to go when support is closed (outside SUPPORT_HOURS). */
      closed: stepId,
      /** Where to go when the queue is at HANDOFF_QUEUE_MAX. */
      full: stepId,
      /** Where to go when this conversation or client asked for a person too often (RATE_LIMIT_HANDOFFS_*). */
      tooOften: stepId,
    }),
    z.strictObject({
      ...base,
      type: z.literal('record'),
      /**
       * Which of the team's logs the slots go to: satisfaction surveys, messages left for the team,
       * or unanswered questions (with the message of the turn as `text`, for `report unanswered`).
       */
      log: z.enum(['survey', 'message', 'unanswered']),
      slots: z.array(SlotNameSchema).min(1),
      ...next,
    }),
    z.strictObject({ ...base, type: z.literal('goto'), flow: flowId }),
    z.strictObject({ ...base, type: z.literal('end'), text: text.optional() }),
  ],
  { error: 'must have a "type": say, ask, choose, match, branch, set, walk, link, handoff, record, goto or end' },
);

export const TriggerSchema = z.strictObject({
  /** Phrases that start the flow when someone says them (whole words, any case). */
  says: z.array(text).min(1),
  /** Slots to fill when this trigger fires ("cash" → mode "sell"). */
  set: z.record(SlotNameSchema, z.string()).optional(),
});

export const FlowSchema = z.strictObject({
  id: flowId,
  title: text,
  triggers: z.array(TriggerSchema).optional(),
  /** What to read from the message that started the flow. */
  prefill: z.array(z.enum(['brand', 'wantedBrand', 'amount', 'question', 'error'])).optional(),
  /** Slots that start empty each time (the rest — brand, counters — carry over). */
  resets: z.array(SlotNameSchema).optional(),
  steps: z.array(StepSchema).min(1, 'needs at least one step'),
});

export const DialogFileSchema = z.strictObject({
  $schema: z.string().optional(),
  flows: z.array(FlowSchema).min(1, 'needs at least one flow'),
});

const command = z.strictObject({ says: z.array(text).min(1), text: text.optional(), flow: flowId.optional() });

export const GlobalFileSchema = z.strictObject({
  $schema: z.string().optional(),
  greeting: text,
  flows: z.strictObject({
    menu: flowId,
    question: flowId,
    troubleshoot: flowId,
    person: flowId,
    /** A question about the marketplace account (orders, payouts): the bot can't see it, says so, offers a person. */
    account: flowId,
    /** A complaint or "that's not what I asked": an apology and a person offered. */
    complaint: flowId,
    /** A message not in English: one English line, and a person offered. */
    englishOnly: flowId,
    /** After the urgent answer to codes already handed over: a person offered at once. */
    urgentHelp: flowId,
    cardNamed: flowId.optional(), // a card named and nothing asked ("i have a roblox card"): the brand noted, then the choices
  }),
  /** Short answers that end nothing: the prompt a flow was waiting on follows them. */
  smallTalk: z.strictObject({
    thanks: text,
    goodbye: text,
    bot: text,
    nothingToResume: text,
    /** Two questions in one message, the first needing an answer back: the second waits ({question}). */
    secondQuestionNext: text,
    /** Before the second question is taken up. */
    secondQuestionNow: text,
  }),
  commands: z.strictObject({ help: command, cancel: command, restart: command, person: command, hello: command }),
  says: z.strictObject({
    /** Before the prompt again, after answering an error asked in the middle of a flow. */
    resume: text,
    /** The flow's file changed under a live conversation. */
    changed: text,
    /** Something broke; the conversation goes back to the start. */
    broken: text,
    empty: text,
    onlyCode: text,
    /** "Go back" at a flow's first prompt; the prompt follows. */
    atStart: text,
    /** "I already did that" at a prompt whose answer the flow still needs; the prompt follows. */
    needAnswer: text,
    /** After the same prompt failed to read an answer twice: offers a person instead of a third try. */
    stuck: text,
    /** The stuck offer's two buttons. */
    stuckPerson: text,
    stuckRetry: text,
  }),
  safety: z.strictObject({
    code: text,
    codeInGroup: text,
    scam: text,
    /** The codes were already handed over: contact the issuer now, report it, a person offered. */
    scamAlreadyPaid: text,
    /** As scamAlreadyPaid when the story names the card's brand ({brand.name}, {brand.support}: its help page). */
    scamAlreadyPaidIssuer: text,
    scamCues: z.strictObject({ pressure: z.array(text).min(1), request: z.array(text).min(1), alone: z.array(text) }),
  }),
  handoff: z.strictObject({
    /** What leaves the queue, or (confirmed) the chat with an agent, said as the whole message; anything else goes to the people. */
    cancelSays: z.array(text).min(1),
    /** Left the queue. */
    cancelled: text,
    /** Left the chat with an agent ({agent.name}). */
    left: text,
    /** With an agent, a leave phrase alone asks leaveAsk ({agent.name}) with buttons leaveYes / leaveNo; only yes leaves, stayed answers a no. */
    leaveAsk: text, leaveYes: text, leaveNo: text, stayed: text,
    /** The place in the queue changed ({handoff.position}, {handoff.wait}). */
    position: text,
    joined: text,
    /** How an agent's message reads to the customer ({agent.name}, {agent.text}). */
    agentSays: text,
    /** The agent ended the chat; the survey flow follows. */
    ended: text,
    /** The agent put the request back in the queue ({handoff.position}, {handoff.wait}). */
    requeued: text,
    /** The agent handed over to a colleague ({handoff.to}). */
    transferred: text,
    /** Nobody accepted in time; the message flow follows. nobodyFree: said at filing when no agent is available (ROUTING=auto), the time-out then comes sooner. */
    timedOut: text, nobodyFree: text,
    /** HANDOFF_MODE=external: the contact centre couldn't take it (message flow follows), or finished (survey follows). */
    externalFailed: text, externalCompleted: text,
    flows: z.strictObject({ survey: flowId, message: flowId }),
  }),
});

export type Step = z.infer<typeof StepSchema>;
export type StepType = Step['type'];
export type Flow = z.infer<typeof FlowSchema>;
export type FlowOption = z.infer<typeof OptionSchema>;
export type DialogFile = z.infer<typeof DialogFileSchema>;
export type GlobalFile = z.infer<typeof GlobalFileSchema>;
export type Fact = z.infer<typeof FactSchema>;
