// NLP.js ships no types. giftbot uses @nlpjs/lang-en's stemmer at run time; bench:understanding
// trains @nlpjs/nlp to compare with giftbot's classifier. Only what those calls use is declared.
declare module '@nlpjs/lang-en' {
  export class StemmerEn {
    stemWord(word: string): string;
  }
  export const LangEn: unknown;
}

declare module '@nlpjs/core' {
  export interface NlpJsContainer {
    use(plugin: unknown): void;
    get(name: 'nlp'): NlpJsManager;
  }
  export interface NlpJsManager {
    settings: { autoSave: boolean; log: boolean };
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<{ intent: string; score: number; classifications?: Array<{ intent: string; score: number }> }>;
  }
  export function containerBootstrap(): Promise<NlpJsContainer>;
}

declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
