import { hides, message, post, type HostileCase } from './corpus';

/**
 * Issue 12, finding 2: ordinary typed shapes of a code got through (19 of 27 leaked): the README's
 * own Amazon code with spaces, spaced hyphens, a line break between groups, dots, commas,
 * underscores, slashes, a code split over two messages, a Luhn-valid number with dots, "access
 * 73920145" after a Target card number. Each case posts one shape over Direct Line; the code must
 * be nowhere afterwards and the bot must say it hid one. The look-alikes at the end (error codes,
 * order numbers, phone numbers…) must be stored exactly as sent. The full list of shapes is the
 * redaction corpus, tests/safety/redaction-corpus.ts.
 */
const AMAZON = 'AQ4T-G7XRLD-NMFB';
const amazonWith = (sep: string): string => AMAZON.split('-').join(sep);

const shape = (name: string, text: string, code: string): HostileCase => hides(name, 'code-shapes', text, code);

/** The first part of a code in one message, the rest in the next: the rest is hidden too. */
const split = (name: string, first: string, second: string, code: string): HostileCase => ({
  ...hides(name, 'code-shapes', second, code),
  conversation: { before: [first] },
});

/** Something code-like that is no secret: stored exactly as sent. */
const keeps = (name: string, text: string): HostileCase => ({
  name,
  category: 'code-shapes',
  request: post(message(text)),
  expect: { status: 200, echo: text },
});

export const codeShapesCases: HostileCase[] = [
  // The shapes the security test saw leak.
  shape('the README code is typed with spaces', `my code is ${amazonWith(' ')}`, AMAZON),
  shape('a code is typed with spaced hyphens', `code ${amazonWith(' - ')} please help`, AMAZON),
  shape('a code has a line break between groups', `here it is\n${amazonWith('\n')}`, AMAZON),
  shape('a code is typed with dots', `claim code ${amazonWith('.')} doesnt work`, AMAZON),
  shape('a code is typed with commas', `${amazonWith(', ')} is what i typed`, AMAZON),
  shape('a code is typed with underscores', `code: ${amazonWith('_')}`, AMAZON),
  shape('a code is typed with slashes', `${amazonWith('/')} not working`, AMAZON),
  shape('a Luhn-valid card number is typed with dots', 'visa gift card 4532.0151.1283.0366', '4532015112830366'),
  shape('a Target access number follows the card number as "access 73920145"', 'target card 041234567890123 access 73920145', '73920145'),
  shape('a Target card number comes before its access number', 'target card 041234567890123 access 73920145', '041234567890123'),
  // More separators and tricks.
  shape('a code is typed with double spaces', `the code ${amazonWith('  ')} is invalid`, AMAZON),
  shape('a code is typed with pipes', `${amazonWith(' | ')} is the code`, AMAZON),
  shape('a code is typed with bullets', `${amazonWith(' • ')} from the card`, AMAZON),
  shape('a code is typed with en dashes', `code ${amazonWith('–')}`, AMAZON),
  shape('a code is typed in lower case', `my code is ${amazonWith(' ').toLowerCase()} pls help`, AMAZON),
  shape('a code is typed with Cyrillic look-alike letters', 'АQ4Т-G7ХRLD-NМFВ', AMAZON),
  shape('a code is typed with non-breaking spaces', 'AQ4T\u00a0G7XRLD\u00a0NMFB', AMAZON),
  shape('a code sits in curly quotes in a sentence', `I typed “${amazonWith(' ')}” exactly`, AMAZON),
  shape('a code is the second of two in one message', `${AMAZON} or maybe ZQ82-MBR4LT-9WXKP`, 'ZQ82MBR4LT9WXKP'),
  // Each brand's printed format.
  shape('an Apple code is typed in fours', 'XJ7Q K2LM NP4R TV8W', 'XJ7QK2LMNP4RTV8W'),
  shape('a Google Play code is typed in fours over two lines', '4K7Q 9PLM 2WVB\nX8RT ZN3D', '4K7Q9PLM2WVBX8RTZN3D'),
  shape('a Steam code is typed with spaces', '7QXPL M2ZRT 9WKBN', '7QXPLM2ZRT9WKBN'),
  shape('an Xbox code is typed one group a line', 'MQXPK\n7RT2V\nHB9WF\nC3DJY\n6GTPX', 'MQXPK7RT2VHB9WFC3DJY6GTPX'),
  shape('a PlayStation code is typed in lower case with spaces', '9trm pq4x lk7b', '9TRMPQ4XLK7B'),
  shape('a Nintendo code is typed in fours', 'B7QK 9XMP 2RLT W4HN', 'B7QK9XMP2RLTW4HN'),
  shape('a Walmart card number is typed with slashes', '6006/4912/3456/7890', '6006491234567890'),
  shape('a Starbucks security code follows its card number', '6135 2209 4411 7730 sec code 55019283', '55019283'),
  shape('an eBay code ends in a one-digit group', '6374 2918 5521 0', '6374291855210'),
  shape('a Home Depot card number has 19 digits in fours', '9810 2245 6617 8830 412', '9810224566178830412'),
  shape('a Visa CVV follows the expiry date', '4532 0151 1283 0366 exp 12/27 cvv 731', '731'),
  // The words people use before a number.
  shape('a PIN is given as "the pin is 4821"', 'the pin is 4821', '4821'),
  shape('a PIN is given as "my pin: 0042"', 'my pin: 0042', '0042'),
  shape('a PIN is glued to its word as "pin#4821"', 'pin#4821', '4821'),
  shape('a Sephora PIN is on the line under the card number', 'Card: 6254 8801 2367 4490\nPIN: 81726354', '81726354'),
  shape('a security code is written in capitals', 'SECURITY CODE 55019283', '55019283'),
  // Split over two messages.
  split('the last group of the README code comes in a second message', 'AQ4T-G7XRLD', 'NMFB', 'NMFB'),
  split('the second half of a spaced code comes in a second message', 'first half is X7KQ 9PLM', '4RTZ 2WVB', '4RTZ2WVB'),
  split('the PIN comes in the message after "the pin is"', 'the pin is', '4821', '4821'),
  // Look-alikes: no secret, stored exactly as sent.
  keeps('an Xbox error code follows "error"', 'error 0x87e10bef'),
  keeps('a Nintendo error code is quoted', '2813-0001 when redeeming'),
  keeps('an Amazon order number is given', 'order 112-3456789-1234567'),
  keeps('a phone number is given as a contact', 'call me on 555-867-5309'),
  keeps('an amount and a date are given', 'the balance is $1,250.00 since 12/25/2026'),
  keeps('a UK postcode is given', 'my postcode is SW1A 1AA'),
  // Issue 11: an error code beside "error" or "code" is kept for the matcher; a claim code or PIN
  // beside the same words is hidden all the same (tests/fixtures/error-code-cases.ts has both sides).
  keeps('an Xbox error code follows "code"', 'code 0x87e10bef on my xbox'),
  keeps('a Nintendo error code comes before "error"', '2813-0001 error on my switch'),
  keeps('a bare Nintendo error number follows "error"', 'switch eshop error 2813'),
  shape('a claim code follows "my code is" in a message with an error code', 'nintendo error 2813-0001 but my code is X7KQ-9PLM-22TR-HHQZ', 'X7KQ9PLM22TRHHQZ'),
  shape('a Steam code sits between "code" and "error"', 'steam code 7QXPL-M2ZRT-9WKBN error', '7QXPLM2ZRT9WKBN'),
  shape('a claim code follows "error code"', `error code ${AMAZON}`, AMAZON),
  shape('a 16-character code follows "code:" and comes before "error"', 'code: XJ7QK2LMNP4RTV8W error', 'XJ7QK2LMNP4RTV8W'),
  shape('a PIN is shaped like a Nintendo error number', 'the pin is 2813', '2813'),
  shape('a gift card code is shaped like a Nintendo error code', 'my gift card code is 2813-0001', '28130001'),
];
