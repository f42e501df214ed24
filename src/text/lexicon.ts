import { stem } from './stem';

/**
 * The words people use about gift cards, folded onto one term each, so "invalid" meets
 * "not valid" and "cash out" meets "sell for cash". Written for the domain, not for any one brand:
 * it applies as well to articles giftbot has never seen.
 */

// Function words that carry no meaning for matching. Question words and negations are kept.
export const STOPWORDS = new Set(
  (
    'a an the i me my mine myself we us our ours you your yours it its itself he him his she her they them their ' +
    'this that these those is am are was were be been being do does did doing done have has had having ' +
    'to of in on at for with from by about as into onto up out off so and or but if then than just also too very ' +
    'please pls plz hi hello hey thanks thank thx ok okay can could would should will shall may might must ' +
    'get got gotten getting there here some any all im ive id ill youre let yes yeah yep now still again ' +
    'who whom really actually anyone someone something somebody thing things way know tried trying try ' +
    'one say said says tell told like guys hmm um uh oh well even only same such own each much many ' +
    'which while though although because since via per'
  ).split(' '),
);

/** Question words tell questions apart ("where…" vs "why…") but say little about the topic. */
export const QUESTION_TERMS: ReadonlySet<string> = new Set(['what', 'wher', 'why', 'how', 'when']);
export const QUESTION_WEIGHT = 0.35;

const GROUPS: ReadonlyArray<[string, string]> = [
  ['not', 'not no nope never non isnt wont doesnt cant cannot dont didnt arent wasnt werent havent hasnt couldnt wouldnt shouldnt aint'],
  ['not valid', 'invalid incorrect unvalid'],
  ['not refund', 'nonrefundable'],
  ['not use', 'unused'],
  ['cash', 'cash money cashout payout'],
  ['refund', 'refund refundable refunded refunds'],
  ['swap', 'swap swapping swapped trade trading traded exchange exchanging exchanged'],
  ['sell', 'sell selling sold resell'],
  ['balance', 'balance balances funds'],
  ['expire', 'expire expires expired expiring expiry expiration'],
  ['region', 'region regions regional country countries marketplace marketplaces international abroad overseas foreign locale'],
  ['use', 'spend spending spent'],
  ['other', 'else another different elsewhere other others'],
  ['store', 'store stores shop shops retailer retailers merchant merchants'],
  ['redeem', 'redemption redeeming'],
  ['code', 'pin pins voucher vouchers'],
  ['typo', 'typo typos mistyped mistype misspelled misspelt'],
  ['scratch', 'unreadable illegible smudged faded scratched scratch'],
  ['sign', 'login logged log signin logon'],
  ['buy', 'buy bought purchase purchased purchasing'],
  ['decline', 'declined rejected refused denied decline declines'],
  ['receive', 'received receive arrived arrive'],
  ['gift card', 'giftcard giftcards'],
];

const CANONICAL = new Map<string, string[]>();
for (const [canonical, words] of GROUPS) {
  for (const word of words.split(' ')) CANONICAL.set(word, canonical.split(' '));
}

/** Every word the lexicon itself knows, so typo correction can land on them. */
export const LEXICON_WORDS: ReadonlySet<string> = new Set([...STOPWORDS, ...CANONICAL.keys()]);

/** Terms of one word: [] for a stopword, usually one stemmed term, sometimes two ("invalid"). */
export function termsOfWord(word: string): string[] {
  if (STOPWORDS.has(word)) return [];
  const canonical = CANONICAL.get(word);
  return canonical ? canonical.map(stem) : [stem(word)];
}

export function termsOf(words: readonly string[]): string[] {
  return words.flatMap(termsOfWord);
}
