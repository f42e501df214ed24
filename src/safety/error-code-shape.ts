/**
 * Error codes as help articles and screens print them: hex ("0x87e10bef"), four digits, a dash and
 * four more ("2813-0001"), letters, a dash and digits ("E-403", "WC-01", "WS-37397-9"). A customer
 * who pastes one is quoting an error, not a card: the redactor keeps these shapes (unless the word
 * before them is "PIN", "access number" and the like) so the knowledge matcher can look them up.
 */
const ERROR_CODE_SHAPE = /^(?:0x[0-9a-f]{4,8}|\d{3,4}-\d{4}|[a-z]{1,3}-?\d{2,5}(?:-\d{1,2})?)$/i;

/** `text` (one token or dash-joined tokens, nothing around it) is written like an error code. */
export function isErrorCodeShape(text: string): boolean {
  return text.length <= 16 && ERROR_CODE_SHAPE.test(text);
}

/** A hex error number ("0x87e10bef", "0x803F9008"): never part of a claim code. */
export function isHexErrorNumber(token: string): boolean {
  return token.length <= 10 && /^0x[0-9a-f]{1,8}$/i.test(token);
}
