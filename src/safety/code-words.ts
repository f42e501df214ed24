/**
 * The words next to a number are the strongest evidence of what it is: "PIN 4821" is a secret,
 * "order 112-3456789-1234567", "error 0x87e10bef" and "call me on 555-867-5309" are not. This file
 * says which word means what; code-runs.ts reads the few words before each code-shaped run.
 */
export type Evidence =
  | 'secret' // PIN, CVV, access number, card number, security code
  | 'code' // "code" alone: a secret, unless what follows is written like an error code
  | 'error'
  | 'order'
  | 'tracking'
  | 'phone'
  | 'zip'
  | 'version'
  | 'label'; // promo code, QR code, status code: short labels, not card secrets

const SECRET = ['pin', 'pins', 'cvv', 'cvv2', 'cvc', 'cvc2', 'csc', 'access', 'passcode'];
const ERROR = ['error', 'errors', 'err', 'errorcode', 'fehler', 'erreur'];
const ORDER = ['order', 'orders', 'invoice', 'transaction', 'confirmation', 'reference', 'ref', 'case', 'ticket', 'receipt', 'booking'];
// Only words that name a tracking number: "the package had <code>" is no evidence.
const TRACKING = ['tracking', 'track', 'shipment', 'ups', 'usps', 'fedex', 'dhl'];
const PHONE = ['call', 'phone', 'tel', 'telephone', 'mobile', 'cell', 'text', 'whatsapp', 'fax', 'ring', 'contact', 'reach'];
const ZIP = ['zip', 'zipcode', 'postcode', 'postal'];
const VERSION = ['version', 'ver', 'build', 'firmware', 'ios', 'android', 'windows', 'macos', 'update'];

const WORDS = new Map<string, Evidence>([
  ...SECRET.map((w) => [w, 'secret'] as const),
  ...ERROR.map((w) => [w, 'error'] as const),
  ...ORDER.map((w) => [w, 'order'] as const),
  ...TRACKING.map((w) => [w, 'tracking'] as const),
  ...PHONE.map((w) => [w, 'phone'] as const),
  ...ZIP.map((w) => [w, 'zip'] as const),
  ...VERSION.map((w) => [w, 'version'] as const),
]);

/** What the word before "code" makes of it ("error code", "zip code", "security code"). */
const BEFORE_CODE = new Map<string, Evidence>([
  ...ERROR.map((w) => [w, 'error'] as const),
  ...['zip', 'postal', 'post'].map((w) => [w, 'zip'] as const),
  ...['area', 'country', 'dial'].map((w) => [w, 'phone'] as const),
  ...['promo', 'discount', 'coupon', 'referral', 'status', 'reason', 'qr', 'bar', 'source', 'product'].map((w) => [w, 'label'] as const),
  ...['security', 'sec', 'access', 'pin', 'claim', 'redemption', 'redeem', 'gift', 'card', 'voucher', 'verification'].map((w) => [w, 'secret'] as const),
]);

/** What the word before "number" / "no" makes of it ("card number", "order no", "my number"). */
const BEFORE_NUMBER = new Map<string, Evidence>([
  ...['card', 'access', 'pin', 'gift', 'serial', 'account', 'security'].map((w) => [w, 'secret'] as const),
  ...ORDER.map((w) => [w, 'order'] as const),
  ...TRACKING.map((w) => [w, 'tracking'] as const),
  ...[...PHONE, 'my', 'our', 'contact', 'callback'].map((w) => [w, 'phone'] as const),
  ...['model', 'item', 'sku', 'part'].map((w) => [w, 'label'] as const),
  ...ERROR.map((w) => [w, 'error'] as const),
]);

const NUMBER_WORDS = new Set(['number', 'no', 'num', 'nr', 'nbr', 'numbers']);

/** Small words between a keyword and its number ("the pin for my card is 4821"): skipped, not counted. */
export const FILLER = new Set([
  'is', 'was', 'are', 'were', 'be', 'it', 'its', 's', 'my', 'the', 'a', 'an', 'on', 'at', 'to', 'of', 'for', 'me', 'us', 'our', 'your',
  'this', 'that', 'here', 'there', 'and', 'reads', 'says', 'said', 'shows', 'just', 'also', 'then', 'should', 'would', 'like', 'with',
]);

/**
 * What `word` (lower case) says about the number after it; `before` is the word before `word`.
 * `undefined`: no evidence, keep looking further back.
 */
export function evidenceOf(word: string, before: string | undefined): Evidence | undefined {
  if (word === 'code' || word === 'codes') return (before && BEFORE_CODE.get(before)) || 'code';
  if (NUMBER_WORDS.has(word)) return before ? BEFORE_NUMBER.get(before) : undefined;
  return WORDS.get(word);
}

/** Keywords glued to their number: "PIN4821", "cvv731". */
export const FUSED_SECRET = /^(?:pin|cvv2?|cvc2?|csc)\d{3,8}$/i;

/**
 * Words that are never part of a code even in capitals or without vowels ("PIN", "THX", "PLEASE"):
 * an all-caps sentence around a code is not swallowed with it.
 */
export const NOT_CODE = new Set([
  ...SECRET, ...ERROR, ...ORDER, ...TRACKING, ...PHONE, ...ZIP, ...VERSION, ...NUMBER_WORDS, ...FILLER,
  'code', 'codes', 'card', 'cards', 'gift', 'giftcard', 'claim', 'redeem', 'redemption', 'security', 'sec', 'exp', 'expiry', 'expires',
  'and', 'but', 'not', 'can', 'cant', 'get', 'got', 'has', 'had', 'have', 'how', 'why', 'what', 'when', 'who', 'where', 'which', 'from',
  'into', 'just', 'now', 'please', 'pls', 'plz', 'thx', 'thanks', 'thank', 'you', 'help', 'hello', 'hey', 'hi', 'ok', 'okay', 'yes',
  'yeah', 'nope', 'try', 'tried', 'cry', 'my', 'by', 'hmm', 'mmm', 'brb', 'lol', 'omg', 'wtf', 'idk', 'tbh', 'btw', 'asap', 'fyi', 'dm',
  'pm', 'am', 'usd', 'eur', 'gbp', 'cad', 'aud', 'uk', 'eu', 'usa', 'psn', 'ps', 'xbox', 'eshop', 'steam', 'apple', 'google', 'play',
  'amazon', 'walmart', 'target', 'ebay', 'visa', 'sephora', 'starbucks', 'best', 'buy', 'home', 'depot', 'nintendo', 'switch', 'store',
  'app', 'www', 'http', 'https', 'com', 'net', 'org', 'html', 'id', 'pdf', 'tv', 'pc', 'gb', 'mb', 'kb', 'min', 'max', 'etc', 'msg',
  'txt', 'sms', 'st', 'rd', 'mr', 'mrs', 'ms', 'dr', 'jr', 'sr', 'apt', 'qty', 'pcs', 'pkg', 'hrs', 'yrs', 'sent', 'send', 'link',
  'valid', 'invalid', 'wrong', 'work', 'works', 'wont', 'dont', 'didnt', 'isnt', 'doesnt', 'still', 'again', 'all', 'any', 'one', 'two',
  'new', 'old', 'today', 'back', 'off', 'in', 'or', 'if', 'so', 'do', 'did', 'done', 'used', 'use', 'need', 'want', 'will', 'sell',
  'swap', 'money', 'balance', 'account', 'number', 'first', 'last', 'half', 'part', 'rest', 'sorry', 'again', 'also', 'see', 'says',
  // file names in a message ("IMG_4821.png") are no code
  'img', 'png', 'jpg', 'jpeg', 'gif', 'heic', 'txt', 'doc', 'docx', 'mp4', 'mov', 'screenshot',
]);
