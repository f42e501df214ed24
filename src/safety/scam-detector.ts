import { normalizeText } from '../text/normalize';

/** Cue phrases, from dialogs/global.json so support staff can add what they see in the wild. */
export interface ScamCues {
  /** Someone pressing: an authority, a stranger, a deadline ("irs", "on the phone", "warrant"). */
  pressure: string[];
  /** Asking for payment in gift cards or for the codes ("pay with gift cards", "read the numbers"). */
  request: string[];
  /** Phrases that are a scam on their own ("pay the irs in gift cards"). */
  alone: string[];
}

/**
 * Recognises the story of a gift-card scam: someone pressing plus a request to pay in cards or
 * hand over the codes. Either half alone is an ordinary question ("can I pay my bill with a gift
 * card?"); together they stop the flow for a warning.
 */
export class ScamDetector {
  private readonly pressure: RegExp;
  private readonly request: RegExp;
  private readonly alone: RegExp | null;

  constructor(cues: ScamCues) {
    this.pressure = phrasePattern(cues.pressure)!;
    this.request = phrasePattern(cues.request)!;
    this.alone = phrasePattern(cues.alone);
  }

  isScam(text: string): boolean {
    return this.isScamNormalized(normalizeText(text));
  }

  /** As isScam, for text already passed through normalizeText (a message is normalised once a turn). */
  isScamNormalized(normalized: string): boolean {
    // "best buy gift cards" is a brand's cards, not "buy gift cards".
    const said = normalized.replace(/'/g, '').replace(/\bbest buy\b/g, 'bestbuy');
    if (this.alone?.test(said)) return true;
    return this.pressure.test(said) && this.request.test(said);
  }
}

function phrasePattern(phrases: string[]): RegExp | null {
  if (phrases.length === 0) return null;
  const escaped = phrases.map((p) => normalizeText(p).replace(/'/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(`\\b(?:${escaped.join('|')})\\b`);
}
