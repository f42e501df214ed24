import type { GlobalFile } from '../flow-schema';
import type { Reply } from '../flow-types';
import { pickOption } from '../input-readers';
import type { Utterance } from '../../understanding/utterance';

/** What the person said to the stuck offer: a person, another try, or something else (read by the step). */
export type StuckAnswer = 'person' | 'retry' | null;

/** The offer made instead of a third try at the same prompt. */
export function stuckOffer(global: GlobalFile): Reply {
  const { stuck, stuckPerson, stuckRetry } = global.says;
  return { text: stuck, choices: [stuckPerson, stuckRetry] };
}

/**
 * Reads the answer to the stuck offer. Besides the buttons, a plain "yes" takes the person and "no"
 * keeps trying, since the offer is asked as a question.
 */
export function readStuckAnswer(global: GlobalFile, answer: Utterance): StuckAnswer {
  const { stuckPerson, stuckRetry } = global.says;
  const picked = pickOption(answer, [
    { label: stuckPerson, says: ['yes', 'yes please', 'a person'], value: 'person' as const },
    { label: stuckRetry, says: ['no', 'no thanks', 'try again', 'let me try again'], value: 'retry' as const },
  ]);
  return picked?.value ?? null;
}
