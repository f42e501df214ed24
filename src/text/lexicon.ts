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
    'please pls plz hi hello hey thanks thank thx ok okay could would should will shall may might must ' +
    'get got gotten getting there here some any all im ive id ill youre let yes yeah yep now still again ' +
    'who whom really actually anyone someone something somebody thing things way know tried trying try ' +
    'one say said says tell told like guys hmm um uh oh well even only same such own each much many ' +
    'which while though although because since via per through thru keeps keep kept saying popping pops showing shows appears ' +
    'u ur ya lol omg btw idk tbh gonna wanna guess maybe basically literally'
  ).split(' '),
);

/** Question words tell questions apart ("where…" vs "why…") but say little about the topic. */
export const QUESTION_TERMS: ReadonlySet<string> = new Set(['what', 'wher', 'why', 'how', 'when', 'can']);
export const QUESTION_WEIGHT = 0.35;

const GROUPS: ReadonlyArray<[string, string]> = [
  ['not', 'not no nope never non isnt wont doesnt cant cannot dont didnt arent wasnt werent havent hasnt couldnt wouldnt shouldnt aint'],
  ['not valid', 'invalid incorrect unvalid'],
  ['not refund', 'nonrefundable'],
  ['not balance', '0 zero empty'],
  ['not use', 'unused'],
  ['cash', 'cash money cashout payout'],
  ['refund', 'refund refundable refunded refunds'],
  ['swap', 'swap swapping swapped trade trading traded exchange exchanging exchanged'],
  ['sell', 'sell selling sold resell'],
  ['balance', 'balance balances funds'],
  ['expire', 'expire expires expired expiring expiry expiration'],
  ['region', 'region regions regional country countries marketplace marketplaces international abroad overseas foreign locale ' +
    'uk britain british england canada canadian usa america american germany australia australian india ' +
    'japan mexico france spain italy turkey brazil europe european'],
  ['use', 'spend spending spent'],
  // "wrong country" and "a card from another country" are the same complaint.
  ['other', 'else another different elsewhere other others wrong'],
  // "Where can I use it?" is "Can it be used anywhere?"
  ['where', 'anywhere'],
  ['store', 'store stores shop shops retailer retailers merchant merchants'],
  ['redeem', 'redemption redeeming apply applied applies applying claim claimed'],
  ['code', 'pin pins voucher vouchers'],
  ['enter', 'type typed typing input inputted entered entering enter'],
  ['limit', 'limit limits max maximum cap capped'],
  ['transfer', 'transfer transferring transferred move moving moved combine combining merge consolidate'],
  ['reload', 'reload reloading reloaded topup recharge'],
  ['child', 'child children kid kids son sons daughter daughters teen teenager minor'],
  ['accept', 'accept accepts accepted accepting take takes took taking'],
  ['typo', 'typo typos mistyped mistype misspelled misspelt'],
  ['scratch', 'unreadable illegible smudged faded scratched scratch'],
  ['sign', 'login logged log signin logon'],
  ['buy', 'buy bought purchase purchased purchasing'],
  ['decline', 'declined rejected refused denied decline declines'],
  ['receive', 'received receive arrived arrive'],
  // Here every card is a gift card: "gift" says nothing "card" doesn't.
  ['card', 'giftcard giftcards'],
];

const CANONICAL = new Map<string, string[]>();
for (const [canonical, words] of GROUPS) {
  for (const word of words.split(' ')) CANONICAL.set(word, canonical.split(' '));
}



// Words repeat endlessly across a knowledge base; remembering their terms halves indexing time.
// Bounded, so a flood of random words can't grow it without limit.
const MEMO_LIMIT = 50_000;
const memo = new Map<string, readonly string[]>();

// Two-word phrases that mean one thing: "run out" is expiry, "apply for" is an application, not a
// redemption. Matched before single words.
const PHRASES = new Map<string, string[]>([
  ['run out', ['expire']], ['runs out', ['expire']], ['top up', ['reload']], ['cash out', ['cash']],
  ['cash back', ['cash']], ['money back', ['refund']], ['add money', ['reload']], ['put money', ['reload']],
  ['bank card', ['credit', 'card']], ['debit card', ['credit', 'card']], ['bank account', ['bank', 'account']],
  ['in person', ['store']], ['log in', ['sign']], ['sign in', ['sign']], ['apply for', ['application']], ['applied for', ['application']],
  // "us" is a stopword ("give us"), but "the us", "the states" and "a us card" are a country.
  ['gift card', ['card']], ['gift cards', ['card']], ['the us', ['region']], ['the states', ['region']], ['us card', ['region', 'card']], ['us gift', ['region', 'gift']],
  ['us account', ['region', 'account']], ['us store', ['region', 'store']],
  ['used up', ['balance']], ['be used', ['use']], ['already used', ['already', 'redeem']], ['been used', ['redeem']], ['was used', ['redeem']], // "will it work on my 3ds" asks where it can be used; "won't work" stays a complaint.
  ['work on', ['use']], ['works on', ['use']], ['work at', ['use']], ['works at', ['use']], ['work in', ['use']], ['works in', ['use']],
  // Not wanting a card is its own matter: "never use", "don't want", "won't use" are not "can't use" or "won't work".
  ['never use', ['unwanted']], ['wont use', ['unwanted']], ['dont use', ['unwanted']], ['dont want', ['unwanted']], ['dont need', ['unwanted']],
  ['not use', ['unwanted']], ['no use', ['unwanted']], ['never going', ['unwanted']],
  ['walk me', ['redeem']], ['walk through', ['redeem']], ['go through', ['accept']], ['went through', ['accept']], ['going through', ['accept']],
]);

const PHRASE_STARTS = new Set([...PHRASES.keys()].map((p) => p.split(' ')[0]!));

/** Every word the lexicon itself knows, so typo correction can land on them. */
export const LEXICON_WORDS: ReadonlySet<string> = new Set([
  ...STOPWORDS,
  ...CANONICAL.keys(),
  ...[...PHRASES.keys()].flatMap((p) => p.split(' ')),
]);

/** Terms of a run of words with where each came from; phrases first, then word by word. */
export function termsOfWords(words: readonly string[]): TermSource[] {
  const out: TermSource[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = i + 1 < words.length && PHRASE_STARTS.has(words[i]!) ? PHRASES.get(`${words[i]} ${words[i + 1]}`) : undefined;
    if (phrase) {
      for (const term of phrase) out.push({ term: stem(term), index: i, phrase: true });
      i++;
      continue;
    }
    for (const term of termsOfWord(words[i]!)) out.push({ term, index: i, phrase: false });
  }
  return out;
}

export interface TermSource {
  term: string;
  /** The word it came from (the first word, for a phrase). */
  index: number;
  phrase: boolean;
}

/** Terms of one word: [] for a stopword, usually one stemmed term, sometimes two ("invalid"). */
export function termsOfWord(word: string): readonly string[] {
  const known = memo.get(word);
  if (known) return known;
  const canonical = CANONICAL.get(word);
  const terms = STOPWORDS.has(word) ? [] : canonical ? canonical.map(stem) : [stem(word)];
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, terms);
  return terms;
}
