import { ChoiceRecognizer } from '@microsoft/recognizers-text-choice';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';
import { NumberWithUnitRecognizer } from '@microsoft/recognizers-text-number-with-unit';
import { SequenceRecognizer } from '@microsoft/recognizers-text-sequence';
import { z } from 'zod';

/** English only: giftbot answers in English, and a non-English message is handled before any reader. */
const CULTURE = 'en-us';

/** One Recognizers-Text match, with the resolution fields the readers use, checked. */
export interface Recognized {
  text: string;
  start: number;
  value: string;
  unit: string | undefined;
  isoCurrency: string | undefined;
  score: number | undefined;
}

// The library types `resolution` as a record of anything: what the readers rely on is checked here.
const ResolutionSchema = z.looseObject({
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String),
  unit: z.string().optional(),
  isoCurrency: z.string().optional(),
  score: z.union([z.string(), z.number()]).transform(Number).optional(),
});

type Kind = 'currency' | 'number' | 'ordinal' | 'boolean' | 'email' | 'phone';

interface Model {
  parse(query: string): Array<{ text: string; start: number; resolution?: unknown }>;
}

/**
 * The Recognizers-Text models giftbot reads entities with, each built on first use and kept:
 * building all six takes ~150 ms, a parse tens to hundreds of microseconds.
 */
/** Recognizers-Text takes a fraction of a millisecond a call (a tenth of bench:turn's time before this). */
const MAX_REMEMBERED = 5_000;
const MAX_REMEMBERED_TEXT = 200;

class RecognizerModels {
  private readonly models = new Map<Kind, Model>();

  /** Short texts repeat ("50", "no", "$25"): each is parsed once, up to a bound; results are frozen, callers only read them. */
  private readonly seen = new Map<string, readonly Recognized[]>();

  recognize(kind: Kind, text: string): readonly Recognized[] {
    if (text.length > MAX_REMEMBERED_TEXT) return this.parse(kind, text);
    const key = `${kind}\u0000${text}`;
    let found = this.seen.get(key);
    if (!found) {
      found = Object.freeze(this.parse(kind, text).map((r) => Object.freeze(r)));
      if (this.seen.size >= MAX_REMEMBERED) this.seen.clear(); // a bound, not a cache policy: a new generation starts
      this.seen.set(key, found);
    }
    return found;
  }

  private parse(kind: Kind, text: string): Recognized[] {
    return this.model(kind).parse(text).flatMap((r) => {
      const resolution = ResolutionSchema.safeParse(r.resolution);
      if (!resolution.success) return [];
      const { value, unit, isoCurrency, score } = resolution.data;
      return [{ text: r.text, start: r.start, value, unit, isoCurrency, score }];
    });
  }

  private model(kind: Kind): Model {
    let model = this.models.get(kind);
    if (!model) this.models.set(kind, (model = build(kind)));
    return model;
  }
}

function build(kind: Kind): Model {
  switch (kind) {
    case 'currency':
      return new NumberWithUnitRecognizer(CULTURE).getCurrencyModel(CULTURE, false);
    case 'number':
      return new NumberRecognizer(CULTURE).getNumberModel(CULTURE, false);
    case 'ordinal':
      return new NumberRecognizer(CULTURE).getOrdinalModel(CULTURE, false);
    case 'boolean':
      return new ChoiceRecognizer(CULTURE).getBooleanModel(CULTURE, false);
    case 'email':
      return new SequenceRecognizer(CULTURE).getEmailModel(CULTURE, false);
    case 'phone':
      return new SequenceRecognizer(CULTURE).getPhoneNumberModel(CULTURE, false);
    default: {
      const unknown: never = kind;
      throw new Error(`no recognizer for ${String(unknown)}`);
    }
  }
}

/** The process's models: stateless once built, so one set serves every conversation. */
export const recognizers = new RecognizerModels();
