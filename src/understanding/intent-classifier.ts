import { normalizeText } from '../text/normalize';
import { intentFeatures } from './intent-features';
import type { IntentName, LabelledExample, ScamKind } from './intent-schema';
import { isPayoutQuestion } from './account-question';
import { isAlreadyPaid } from './already-paid';
import { isCardsDemanded } from './cards-demanded';
import { asksInGeneral } from './general-question';
import { isOwnGift } from './own-gift';
import { asksWhatTheBotIs, isPersonRequest } from './person-request';
import { SoftmaxModel, type ModelSettings } from './softmax-model';

/**
 * Below this the model's "scam" gives way to its second guess. On the training folds (2,894 examples)
 * 0.65 raised 4 false alarms where 0.6 raised 9, for 3 stories more missed of 401 (the rules catch most).
 */
export const SCAM_CONFIDENCE = 0.65;
/** An explicit request for a person beats a model-only "scam" below this: a long, angry message about a card reads like a story (on the training folds no story was lost to it). */
const PERSON_OVER_SCAM = 0.8;

/** What a message means, as far as giftbot can tell. */
export interface IntentReading {
  intent: IntentName;
  /** The model's probability for `intent` (1 when a rule decided). */
  confidence: number;
  /** The next best guesses, most likely first. */
  ranked: ReadonlyArray<{ intent: IntentName; confidence: number }>;
  /** For a scam story, which kind (an "already-paid" story gets the urgent answer). */
  scamKind?: ScamKind;
  /** Why: the learned model, or a rule that overrides it. */
  by: 'model' | 'person-rule' | 'scam-rule' | 'bot-rule' | 'payout-rule';
}

export interface IntentClassifierOptions {
  /** giftbot's scam cue phrases (dialogs/global.json): a story they recognise is a scam whatever the model says. */
  scamRule?: (normalized: string) => boolean;
  model?: ModelSettings;
}

/**
 * Reads the intent of a message: the softmax model trained on dialogs/intents at start-up, with two
 * rules on top where a miss costs most — a request for a person, and the scam cue phrases. A
 * second model, trained on the scam stories alone, tells the kind of scam.
 */
export class IntentClassifier {
  private readonly model: SoftmaxModel<IntentName>;
  private readonly kinds: SoftmaxModel<ScamKind>;

  constructor(examples: readonly LabelledExample[], private readonly options: IntentClassifierOptions = {}) {
    this.model = new SoftmaxModel(examples.map((e) => ({ features: intentFeatures(e.text), label: e.intent })), options.model);
    const stories = examples.filter((e): e is LabelledExample & { kind: ScamKind } => e.intent === 'scam' && e.kind !== undefined);
    this.kinds = new SoftmaxModel(stories.map((e) => ({ features: intentFeatures(e.text), label: e.kind })), options.model);
  }

  classify(text: string): IntentReading {
    // Normalised once: the features, the rules and the scam cues all read it.
    const normalized = normalizeText(text);
    const features = intentFeatures(text, normalized);
    // A number, an emoji, punctuation: no words to read an intent from ("35" answers a prompt).
    if (!features.some((f) => f.startsWith('w:') && f !== 'w:numbermark' && f !== 'w:amountmark')) return { intent: 'other', confidence: 0, ranked: [], by: 'model' };
    const p = this.model.probabilities(features);
    const ranked = this.model.labels.map((intent, i) => ({ intent, confidence: p[i]! })).sort((a, b) => b.confidence - a.confidence);
    const alreadyPaid = isAlreadyPaid(normalized);
    // A question about scams in general is answered, not warned about (codes already gone are a story).
    const general = !alreadyPaid && asksInGeneral(normalized);
    const cued = !isOwnGift(normalized) && (isCardsDemanded(normalized) || (this.options.scamRule?.(normalized) ?? false));
    const scamByRule = !general && (alreadyPaid || cued);
    // A scam warning stops whatever the customer was doing: the model alone must be sure of it.
    const top = ranked[0]!.intent === 'scam' && (general || (ranked[0]!.confidence < SCAM_CONFIDENCE && !scamByRule)) ? ranked[1]! : ranked[0]!;
    let reading: IntentReading = { intent: top.intent, confidence: top.confidence, ranked: ranked.slice(0, 3), by: 'model' };
    if (scamByRule && reading.intent !== 'scam') reading = { ...reading, intent: 'scam', confidence: 1, by: 'scam-rule' };
    else if (reading.intent !== 'scam' && asksWhatTheBotIs(normalized)) reading = { ...reading, intent: 'bot', confidence: 1, by: 'bot-rule' };
    else if ((reading.intent !== 'scam' || (!scamByRule && reading.confidence < PERSON_OVER_SCAM)) && isPersonRequest(normalized)) reading = { ...reading, intent: 'person', confidence: 1, by: 'person-rule' };
    else if (['sell', 'swap', 'question', 'redeem', 'account'].includes(reading.intent) && isPayoutQuestion(normalized)) reading = { ...reading, intent: 'account', confidence: 1, by: 'payout-rule' };
    if (reading.intent !== 'scam') return reading;
    if (alreadyPaid) return { ...reading, scamKind: 'already-paid' };
    const kinds = this.kinds.probabilities(features);
    let best = 0;
    for (let i = 1; i < kinds.length; i++) if (kinds[i]! > kinds[best]!) best = i;
    return { ...reading, scamKind: this.kinds.labels[best] };
  }
}
