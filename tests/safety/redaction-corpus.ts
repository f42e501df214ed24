/**
 * The redaction corpus (issue 12, "code shapes"): how customers really type gift-card codes, PINs
 * and card numbers, and the code-like things they type that are not secrets. All codes are made up
 * in each brand's printed format (knowledge/*.json `code` says what each brand calls it).
 * tests/safety/redaction-corpus.test.ts runs it through the redactor; the storage leak scan posts
 * it over every channel and looks for the secrets afterwards.
 */

/** A secret in one shape: `secret` is the code as printed on the card, `text` the message a customer sends. */
export interface MustHide { name: string; text: string; secret: string }
/** A message with something code-like that is not a secret and must reach the bot unchanged. */
export interface MustKeep { name: string; text: string }
/** A code typed over two consecutive messages of one conversation. */
export interface SplitAcross { name: string; messages: [string, string]; secret: string }

// The README's Amazon claim code, and other made-up codes in each brand's printed format.
const AMAZON = 'AQ4T-G7XRLD-NMFB';
const AMAZON_15 = 'ZQ82-MBR4LT-9WXKP';
const APPLE = 'XJ7QK2LMNP4RTV8W';
const GOOGLE = '4K7Q9PLM2WVBX8RTZN3D';
const STEAM = '7QXPL-M2ZRT-9WKBN';
const XBOX = 'MQXPK-7RT2V-HB9WF-C3DJY-6GTPX';
const PLAYSTATION = '9TRM-PQ4X-LK7B';
const NINTENDO = 'B7QK9XMP2RLTW4HN';
const TARGET_CARD = '041234567890123';
const TARGET_ACCESS = '73920145';
const WALMART_CARD = '6006491234567890';
const WALMART_PIN = '4821';
const STARBUCKS_CARD = '6135220944117730';
const STARBUCKS_CODE = '55019283';
const BEST_BUY_CARD = '6280514399172264';
const BEST_BUY_PIN = '7315';
const EBAY = '6374291855210';
const HOME_DEPOT_CARD = '9810224566178830412';
const HOME_DEPOT_PIN = '3390';
const SEPHORA_CARD = '6254880123674490';
const SEPHORA_PIN = '81726354';
const VISA = '4532015112830366'; // Luhn-valid
const VISA_CVV = '731';

/** "AQ4T G7XRLD NMFB" with `sep` between the groups. */
const amazonWith = (sep: string): string => AMAZON.split('-').join(sep);
/** A 16-digit number printed in fours with `sep` between them. */
const fours = (digits: string, sep: string): string => digits.match(/.{1,4}/g)!.join(sep);

const h = (name: string, text: string, secret: string): MustHide => ({ name, text, secret });

export const mustHide: MustHide[] = [
  // --- groups joined by any separator -------------------------------------------------------
  h('the README code with spaces', `my code is ${amazonWith(' ')}`, AMAZON),
  h('the README code with dashes', `my code is ${AMAZON}`, AMAZON),
  h('the README code with dots', `claim code ${amazonWith('.')} doesnt work`, AMAZON),
  h('the README code with commas', `it says ${amazonWith(',')} on the back`, AMAZON),
  h('the README code with commas and spaces', `${amazonWith(', ')} is what i typed`, AMAZON),
  h('the README code with underscores', `code: ${amazonWith('_')}`, AMAZON),
  h('the README code with slashes', `${amazonWith('/')} not working`, AMAZON),
  h('the README code with backslashes', `tried ${amazonWith('\\')} too`, AMAZON),
  h('the README code with spaced hyphens', `code ${amazonWith(' - ')} please help`, AMAZON),
  h('the README code with spaced dots', `${amazonWith(' . ')} wont redeem`, AMAZON),
  h('the README code with spaced slashes', `card says ${amazonWith(' / ')}`, AMAZON),
  h('the README code with double spaces', `the code ${amazonWith('  ')} is invalid`, AMAZON),
  h('the README code with tabs', `code\t${amazonWith('\t')}`, AMAZON),
  h('the README code with a line break between groups', `here it is\n${amazonWith('\n')}\nwhat now`, AMAZON),
  h('the README code with Windows line breaks', `${amazonWith('\r\n')}`, AMAZON),
  h('the README code with pipes', `${amazonWith(' | ')} is the code`, AMAZON),
  h('the README code with en dashes', `code ${amazonWith('–')}`, AMAZON),
  h('the README code with em dashes and spaces', `code ${amazonWith(' — ')}`, AMAZON),
  h('the README code with bullets', `${amazonWith(' • ')} from the card`, AMAZON),
  h('the README code with mixed separators', `AQ4T G7XRLD-NMFB is not valid`, AMAZON),
  h('the README code with a dot and a space', `AQ4T. G7XRLD. NMFB`, AMAZON),
  h('the README code unbroken', `AQ4TG7XRLDNMFB`, AMAZON),
  h('the README code in lower case', `my code is ${amazonWith(' ').toLowerCase()} pls help`, AMAZON),
  h('the README code in lower case with dashes', `${AMAZON.toLowerCase()}`, AMAZON),
  h('the README code in mixed case', `Aq4t-G7xRlD-NmFb`, AMAZON),
  h('the README code with a plus', `${amazonWith('+')}`, AMAZON),
  h('the README code with a colon between groups', `AQ4T:G7XRLD:NMFB`, AMAZON),
  h('the README code with a space before each dash', `AQ4T -G7XRLD -NMFB`, AMAZON),
  // --- in a sentence, in quotes and brackets, after a colon, twice ----------------------------
  h('a code in double quotes', `it keeps saying "${AMAZON}" is invalid`, AMAZON),
  h('a code in curly quotes', `I typed “${amazonWith(' ')}” exactly`, AMAZON),
  h('a code in single quotes', `the code '${AMAZON}' was already used?`, AMAZON),
  h('a code in brackets', `gift card (${AMAZON}) not working`, AMAZON),
  h('a code in square brackets', `[${amazonWith(' ')}]`, AMAZON),
  h('a code in backticks', `\`${AMAZON}\``, AMAZON),
  h('a code after a colon without a space', `code:${AMAZON}`, AMAZON),
  h('a code at the end of a question', `is ${AMAZON}?`, AMAZON),
  h('a code with a full stop after it', `My claim code is ${amazonWith(' ')}.`, AMAZON),
  h('a code twice in one message (first)', `${AMAZON} or maybe ${AMAZON_15}`, AMAZON),
  h('a code twice in one message (second)', `${AMAZON} or maybe ${AMAZON_15}`, AMAZON_15),
  h('the same code twice', `${AMAZON} ... ${amazonWith(' ')}`, AMAZON),
  h('a code inside a long sentence', `hi so my aunt sent me a gift card for my birthday and the code ${amazonWith(' ')} doesnt work on my account can you help`, AMAZON),
  h('a code after a greeting on its own line', `Hello,\n\nMy code is:\n${AMAZON}\n\nThanks`, AMAZON),
  h('a code with an emoji after it', `${AMAZON}🙏`, AMAZON),
  h('a code with an emoji before it', `🎁${amazonWith(' ')}`, AMAZON),
  h('a code after an equals sign', `code=${AMAZON}`, AMAZON),
  h('a code in a URL query', `amazon.com/redeem?claimCode=${amazonWith('')}`, 'AQ4TG7XRLDNMFB'),
  // --- hiding tricks -------------------------------------------------------------------------
  h('full-width letters and digits', 'ＡＱ４Ｔ－Ｇ７ＸＲＬＤ－ＮＭＦＢ', AMAZON),
  h('full-width digits in a spaced code', 'AQ４T G７XRLD NMFB', AMAZON),
  h('zero-width spaces inside groups', 'AQ4\u200bT G7X\u200bRLD NM\u200bFB', AMAZON),
  h('zero-width joiners between groups', `AQ4T\u200d-\u200dG7XRLD\u200d-\u200dNMFB`, AMAZON),
  h('a soft hyphen inside the code', 'AQ4T\u00adG7XRLD\u00adNMFB', AMAZON),
  h('a word joiner inside the code', 'AQ4T\u2060G7XRLD\u2060NMFB', AMAZON),
  h('Cyrillic look-alike letters', 'АQ4Т-G7ХRLD-NМFВ', AMAZON),
  h('Greek look-alike letters', 'ΑQ4Τ G7ΧRLD ΝΜFΒ', AMAZON),
  h('non-breaking spaces between groups', 'AQ4T\u00a0G7XRLD\u00a0NMFB', AMAZON),
  h('ideographic spaces between groups', 'AQ4T\u3000G7XRLD\u3000NMFB', AMAZON),
  h('a Unicode minus between groups', 'AQ4T\u2212G7XRLD\u2212NMFB', AMAZON),
  h('full-width card digits', '６００６ ４９１２ ３４５６ ７８９０', WALMART_CARD),
  h('a right-to-left mark in a card number', '6006\u200f4912\u200f3456\u200f7890', WALMART_CARD),
  // --- Amazon --------------------------------------------------------------------------------
  h('a 15-character Amazon code', `amazon code ${AMAZON_15}`, AMAZON_15),
  h('a 15-character Amazon code with spaces', `ZQ82 MBR4LT 9WXKP`, AMAZON_15),
  h('a 15-character Amazon code unbroken in lower case', `zq82mbr4lt9wxkp`, AMAZON_15),
  h('an Amazon code in an email forward', `> Claim code: ${AMAZON}\n> Amount: $50.00`, AMAZON),
  // --- Apple ---------------------------------------------------------------------------------
  h('an Apple code unbroken', `apple gift card ${APPLE} says already redeemed`, APPLE),
  h('an Apple code in fours', `XJ7Q K2LM NP4R TV8W`, APPLE),
  h('an Apple code in fours with dashes', `XJ7Q-K2LM-NP4R-TV8W`, APPLE),
  h('an Apple code in lower case', `xj7qk2lmnp4rtv8w`, APPLE),
  h('an Apple code after "code:"', `Code: ${APPLE}`, APPLE),
  // --- Google Play ---------------------------------------------------------------------------
  h('a Google Play code unbroken', `google play ${GOOGLE}`, GOOGLE),
  h('a Google Play code in fours', `4K7Q 9PLM 2WVB X8RT ZN3D`, GOOGLE),
  h('a Google Play code in fours with dashes', `4K7Q-9PLM-2WVB-X8RT-ZN3D`, GOOGLE),
  h('a Google Play code on two lines', `4K7Q 9PLM 2WVB\nX8RT ZN3D`, GOOGLE),
  // --- Steam ---------------------------------------------------------------------------------
  h('a Steam code 5-5-5', `steam wallet code ${STEAM}`, STEAM),
  h('a Steam code with spaces', `7QXPL M2ZRT 9WKBN`, STEAM),
  h('a Steam code in lower case', `7qxpl-m2zrt-9wkbn doesnt work`, STEAM),
  h('a Steam code with spaced hyphens', `7QXPL - M2ZRT - 9WKBN`, STEAM),
  // --- Xbox ----------------------------------------------------------------------------------
  h('an Xbox code 5x5', `xbox code ${XBOX}`, XBOX),
  h('an Xbox code with spaces', `MQXPK 7RT2V HB9WF C3DJY 6GTPX`, XBOX),
  h('an Xbox code unbroken', `MQXPK7RT2VHB9WFC3DJY6GTPX`, XBOX),
  h('an Xbox code on five lines', `MQXPK\n7RT2V\nHB9WF\nC3DJY\n6GTPX`, XBOX),
  h('an Xbox code with dots', `MQXPK.7RT2V.HB9WF.C3DJY.6GTPX`, XBOX),
  // --- PlayStation ---------------------------------------------------------------------------
  h('a PlayStation code 4-4-4', `psn code ${PLAYSTATION} wont work`, PLAYSTATION),
  h('a PlayStation code with spaces', `9TRM PQ4X LK7B`, PLAYSTATION),
  h('a PlayStation code unbroken', `9TRMPQ4XLK7B`, PLAYSTATION),
  h('a PlayStation code in lower case', `9trm pq4x lk7b`, PLAYSTATION),
  // --- Nintendo ------------------------------------------------------------------------------
  h('a Nintendo code unbroken', `eshop code ${NINTENDO}`, NINTENDO),
  h('a Nintendo code in fours', `B7QK 9XMP 2RLT W4HN`, NINTENDO),
  h('a Nintendo code in fours with dashes', `B7QK-9XMP-2RLT-W4HN`, NINTENDO),
  // --- Target: card number and access number -------------------------------------------------
  h('a Target card number', `target card ${TARGET_CARD}`, TARGET_CARD),
  h('a Target access number after the card number', `target card ${TARGET_CARD} access ${TARGET_ACCESS}`, TARGET_ACCESS),
  h('a Target card number before its access number', `target card ${TARGET_CARD} access ${TARGET_ACCESS}`, TARGET_CARD),
  h('a Target "access number" spelled out', `the access number is ${TARGET_ACCESS}`, TARGET_ACCESS),
  h('a Target access number with a colon', `Access Number: ${TARGET_ACCESS}`, TARGET_ACCESS),
  h('a Target access number in two fours', `access # 7392 0145`, TARGET_ACCESS),
  h('a Target card and access number side by side', `${TARGET_CARD} ${TARGET_ACCESS}`, TARGET_ACCESS),
  h('a Target card and access number with a slash', `${TARGET_CARD}/${TARGET_ACCESS}`, TARGET_ACCESS),
  // --- Walmart: card number and PIN ----------------------------------------------------------
  h('a Walmart card number in fours', `walmart card ${fours(WALMART_CARD, ' ')}`, WALMART_CARD),
  h('a Walmart card number with dots', fours(WALMART_CARD, '.'), WALMART_CARD),
  h('a Walmart card number with dashes', fours(WALMART_CARD, '-'), WALMART_CARD),
  h('a Walmart card number with spaced dashes', fours(WALMART_CARD, ' - '), WALMART_CARD),
  h('a Walmart card number with commas', fours(WALMART_CARD, ','), WALMART_CARD),
  h('a Walmart card number with underscores', fours(WALMART_CARD, '_'), WALMART_CARD),
  h('a Walmart card number with slashes', fours(WALMART_CARD, '/'), WALMART_CARD),
  h('a Walmart card number on two lines', `${WALMART_CARD.slice(0, 8)}\n${WALMART_CARD.slice(8)}`, WALMART_CARD),
  h('a Walmart PIN after "pin"', `card ${WALMART_CARD} pin ${WALMART_PIN}`, WALMART_PIN),
  h('a Walmart card number before its PIN', `card ${WALMART_CARD} pin ${WALMART_PIN}`, WALMART_CARD),
  h('"the pin is 4821"', `the pin is ${WALMART_PIN}`, WALMART_PIN),
  h('"my pin: 0042"', `my pin: 0042`, '0042'),
  h('"pin#4821"', `pin#${WALMART_PIN}`, WALMART_PIN),
  h('"PIN 4821" in capitals', `PIN ${WALMART_PIN}`, WALMART_PIN),
  h('"PIN4821" in one word', `PIN${WALMART_PIN}`, WALMART_PIN),
  h('"pin no. 4821"', `pin no. ${WALMART_PIN}`, WALMART_PIN),
  h('"pin number is 4821"', `pin number is ${WALMART_PIN}`, WALMART_PIN),
  h('"PIN = 4821"', `PIN = ${WALMART_PIN}`, WALMART_PIN),
  h('"pin - 4821"', `pin - ${WALMART_PIN}`, WALMART_PIN),
  h('"pin code 4821"', `pin code ${WALMART_PIN}`, WALMART_PIN),
  h('a PIN written with full-width digits', `pin ４８２１`, WALMART_PIN),
  h('a PIN in a sentence', `I scratched it and the pin was ${WALMART_PIN} but it says invalid`, WALMART_PIN),
  h('"the PIN: 4821" with a capitalised word', `The PIN: ${WALMART_PIN}`, WALMART_PIN),
  // --- Starbucks: card number and security code ----------------------------------------------
  h('a Starbucks card number', `starbucks ${fours(STARBUCKS_CARD, ' ')}`, STARBUCKS_CARD),
  h('a Starbucks security code', `security code ${STARBUCKS_CODE}`, STARBUCKS_CODE),
  h('a Starbucks security code after "is"', `the security code is ${STARBUCKS_CODE}`, STARBUCKS_CODE),
  h('a Starbucks card and security code in one line', `${fours(STARBUCKS_CARD, ' ')} sec code ${STARBUCKS_CODE}`, STARBUCKS_CODE),
  h('a Starbucks card number with dashes', fours(STARBUCKS_CARD, '-'), STARBUCKS_CARD),
  // --- Best Buy ------------------------------------------------------------------------------
  h('a Best Buy card number', `best buy gift card ${BEST_BUY_CARD}`, BEST_BUY_CARD),
  h('a Best Buy PIN', `best buy gift card ${BEST_BUY_CARD} PIN: ${BEST_BUY_PIN}`, BEST_BUY_PIN),
  h('a Best Buy card number in fours with a PIN after a comma', `${fours(BEST_BUY_CARD, ' ')}, pin ${BEST_BUY_PIN}`, BEST_BUY_CARD),
  // --- eBay ----------------------------------------------------------------------------------
  h('an eBay redemption code', `ebay redemption code ${EBAY}`, EBAY),
  h('an eBay code with spaces', `6374 2918 5521 0`, EBAY),
  h('an eBay code after "redeem code:"', `redeem code: ${EBAY}`, EBAY),
  // --- Home Depot ----------------------------------------------------------------------------
  h('a Home Depot card number', `home depot ${HOME_DEPOT_CARD}`, HOME_DEPOT_CARD),
  h('a Home Depot card number in fours', `9810 2245 6617 8830 412`, HOME_DEPOT_CARD),
  h('a Home Depot PIN', `home depot card pin ${HOME_DEPOT_PIN}`, HOME_DEPOT_PIN),
  // --- Sephora -------------------------------------------------------------------------------
  h('a Sephora card number', `sephora card number ${SEPHORA_CARD}`, SEPHORA_CARD),
  h('a Sephora 8-digit PIN', `and the pin is ${SEPHORA_PIN}`, SEPHORA_PIN),
  h('a Sephora card and PIN on two lines', `Card: ${fours(SEPHORA_CARD, ' ')}\nPIN: ${SEPHORA_PIN}`, SEPHORA_PIN),
  h('a Sephora card and PIN on two lines (card)', `Card: ${fours(SEPHORA_CARD, ' ')}\nPIN: ${SEPHORA_PIN}`, SEPHORA_CARD),
  // --- Visa prepaid: card number, CVV, expiry ------------------------------------------------
  h('a Luhn-valid card number with spaces', `visa gift card ${fours(VISA, ' ')}`, VISA),
  h('a Luhn-valid card number with dots', fours(VISA, '.'), VISA),
  h('a Luhn-valid card number with dashes', fours(VISA, '-'), VISA),
  h('a Luhn-valid card number unbroken', `card ${VISA} exp 12/27`, VISA),
  h('a Luhn-valid card number with spaced dots', fours(VISA, ' . '), VISA),
  h('a Luhn-valid Amex number 4-6-5', `3782 822463 10005`, '378282246310005'),
  h('a CVV after the card number', `${fours(VISA, ' ')} exp 12/27 cvv ${VISA_CVV}`, VISA_CVV),
  h('a CVV with a colon', `CVV: ${VISA_CVV}`, VISA_CVV),
  h('a CVC', `cvc ${VISA_CVV}`, VISA_CVV),
  h('a CVV2', `CVV2 ${VISA_CVV}`, VISA_CVV),
  h('a "security code" of three digits', `security code is ${VISA_CVV}`, VISA_CVV),
  h('the whole Visa card in one line', `${VISA} 12/27 ${VISA_CVV}`, VISA),
  h('a Luhn-valid card number after "card number"', `card number ${VISA}`, VISA),
  h('a Luhn-valid card number after "card #"', `card # ${fours(VISA, ' ')}`, VISA),
  // --- the words people use before a number --------------------------------------------------
  h('"claim code" then a number', `claim code 7734 2210 9981`, '773422109981'),
  h('"redemption code" then an alphanumeric code', `redemption code: ${PLAYSTATION}`, PLAYSTATION),
  h('"gift code" then a short code', `gift code is 7Q2XPL9M`, '7Q2XPL9M'),
  h('"code" then a short number', `code 55019283`, '55019283'),
  h('"card no" then a number', `card no 6006 4912 3456 7890`, WALMART_CARD),
  h('"the number on the back is"', `the card number is ${fours(WALMART_CARD, '-')}`, WALMART_CARD),
  h('"access code"', `access code 73920145`, TARGET_ACCESS),
  h('"my code is" and a short alphanumeric code', `my code is 9TRM PQ4X`, '9TRMPQ4X'),
  h('"security code" in capitals', `SECURITY CODE ${STARBUCKS_CODE}`, STARBUCKS_CODE),
  h('"pin" after "scratch off"', `scratched off the silver and pin is 3390`, HOME_DEPOT_PIN),
  h('"it\'s" between the word and the PIN', `pin it's 4821`, WALMART_PIN),
  // --- the word after the number -------------------------------------------------------------
  h('"4821 is my pin"', `${WALMART_PIN} is my pin`, WALMART_PIN),
  h('"… is the access number"', `${TARGET_ACCESS} is the access number`, TARGET_ACCESS),
  h('"… is the security code"', `${STARBUCKS_CODE} is the security code`, STARBUCKS_CODE),
  h('a PIN before its word and a card number after it', `${WALMART_PIN} is the pin for card ${fours(WALMART_CARD, ' ')}`, WALMART_PIN),
  // --- typed a character at a time, odd separators -------------------------------------------
  h('a Steam code typed a character at a time', '7 Q X P L M 2 Z R T 9 W K B N', STEAM),
  h('a card number typed a digit at a time', WALMART_CARD.split('').join(' '), WALMART_CARD),
  h('a PIN typed a digit at a time', 'pin 4 8 2 1', WALMART_PIN),
  h('a code with emoji between the groups', 'AQ4T🔥G7XRLD🔥NMFB', AMAZON),
  h('a code with arrows between the groups', 'AQ4T → G7XRLD → NMFB', AMAZON),
  h('a lower-case code whose first group has vowels', 'my code is aeqt g7xrld nmfb', 'AEQT-G7XRLD-NMFB'),
  h('an Apple code after a word in capitals', `ITUNES ${APPLE}`, APPLE),
  h('a Google Play code after a word in capitals', `GOOGLEPLAY ${GOOGLE} HELP`, GOOGLE),
];

const k = (name: string, text: string): MustKeep => ({ name, text });

export const mustKeep: MustKeep[] = [
  // --- order numbers -------------------------------------------------------------------------
  k('an Amazon order number', 'order 112-3456789-1234567'),
  k('an Amazon order number after "order #"', 'my order # is 112-3456789-1234567 and it never came'),
  k('an Amazon order number alone', '112-3456789-1234567'),
  k('a Walmart order number', 'order #W123456789'),
  k('an order number after "order number"', 'order number 200012345678 was cancelled'),
  k('an order number with "order no."', 'Order no. 8812-4471'),
  // --- error codes ---------------------------------------------------------------------------
  k('an Xbox error code after "error"', 'error 0x87e10bef'),
  k('an Xbox error code alone in capitals', '0x87E10BEF'),
  k('an Xbox error code in a sentence', 'I keep getting 0x87e10bef when I redeem'),
  k('a Nintendo error code after "error code"', 'error code 2813-0001'),
  k('a Nintendo error code first', '2813-0001 when redeeming'),
  k('a Nintendo error code in a question', 'what does 2813-0001 mean on my switch?'),
  k('an error code with a letter', 'E-403'),
  k('an error code with two letters', 'WC-01'),
  k('a Microsoft Store error', 'error 0x803f9008'),
  k('an error number after "error"', 'switch eshop error 2813'),
  k('an error code of four digits', 'error code 1234 shows'),
  k('an HTTP error in capitals', 'it says ERR 500 BAD GATEWAY'),
  k('a PlayStation error code', 'error WS-37397-9 on my ps5'),
  k('a Steam error code', 'steam says error code 53'),
  // --- amounts -------------------------------------------------------------------------------
  k('an amount with a thousands comma', 'the balance is $1,250.00'),
  k('a euro amount', '€50'),
  k('a euro amount written the French way', '50,00 €'),
  k('a German amount', '1.000,50'),
  k('several amounts', 'I bought 3 cards for 25 dollars each'),
  k('an amount and a total', 'it has $50 on it and my order was like $38.47'),
  k('an amount in pounds', '£100.00 card, spent £12.99'),
  // --- dates and times -----------------------------------------------------------------------
  k('a US date', 'it expires 12/25/2026'),
  k('an ISO date', 'bought on 2026-12-06'),
  k('a European date', 'gekauft am 25.12.2026'),
  k('a date and a time', 'it happened 2026-12-06 10:30'),
  k('a time', 'at 10:45 pm yesterday'),
  k('a date with a month name', 'on Dec 6, 2026 at 3:15pm'),
  k('an expiry date', 'exp 12/27'),
  // --- ZIP codes and postcodes ---------------------------------------------------------------
  k('a US ZIP code', 'my zip is 90210'),
  k('a ZIP+4', 'zip code 90210-1234'),
  k('a UK postcode', 'SW1A 1AA'),
  k('a UK postcode in a sentence', 'my postcode is EC1A 1BB'),
  k('a Canadian postal code', 'postal code K1A 0B1'),
  // --- phone numbers as contact details ------------------------------------------------------
  k('a US phone number', 'call me on 555-867-5309'),
  k('a UK phone number', 'my number is +44 20 7946 0958'),
  k('a phone number in brackets', '(212) 555-0123'),
  k('a phone number with dots', 'phone: 555.867.5309'),
  k('a phone number with spaces', 'text me at 555 123 4567'),
  k('an international phone number', 'whatsapp +1 415 555 2671'),
  // --- e-mail, URLs --------------------------------------------------------------------------
  k('an e-mail address with digits', 'my email john1985smith@example.com'),
  k('an e-mail address with a long local part', 'reach me at gamer4life2009xx@gmail.com thanks'),
  k('a redeem URL', 'go to https://www.amazon.com/gc/redeem'),
  k('a URL with a number', 'https://support.google.com/googleplay/answer/3422659?hl=en'),
  k('a bare domain', 'go to amazon.com/redeem'),
  // --- models and versions -------------------------------------------------------------------
  k('a console model', 'will it work on my PS5'),
  k('an Xbox model', 'Xbox Series X'),
  k('a phone model', 'I have an iPhone 15 Pro Max'),
  k('a graphics card', 'can I buy an RTX 4090 with it'),
  k('an app version', 'app version 4.12.3'),
  k('an iOS version', 'iOS 17.4.1 on iPhone 13'),
  k('a Windows build', 'windows build 10.0.19045.3693'),
  k('a Nintendo model', 'will my eshop card work on my old 3ds'),
  // --- tracking numbers and shipping ---------------------------------------------------------
  k('a UPS tracking number', 'tracking number 1Z999AA10123456784 says delivered'),
  k('a USPS tracking number', 'USPS tracking 9400111899223456789012'),
  k('a FedEx tracking number', 'fedex tracking # 7749 1234 5678'),
  // --- ordinary sentences with numbers -------------------------------------------------------
  k('a sentence with a year', 'I got it for Christmas 2024'),
  k('a count and an age', 'my 2 kids are 7 and 10'),
  k('words in capitals', 'I GOT A GIFT CARD FROM AMAZON'),
  k('a shouted complaint', 'THE CODE IS NOT VALID FOR 2 CARDS'),
  k('a question about attempts', 'it says too many attempts on steam what now'),
  k('a question about a code without one', 'where do I find the 16-digit code on my card?'),
  k('the word code', 'the code is not valid'),
  k('a rating', '10/10 would recommend'),
  k('a percentage', 'I only got 50% of the balance'),
  k('a quantity and a brand', '2x $25 Steam cards'),
  k('a case number', 'case number 04417729'),
  k('an error code before the words "error code"', '2813-0001 is the error code'),
  k('a phone number with a note in brackets', 'my phone is 555-867-5309 (mobile)'),
  k('two phone numbers', '(212) 555-0123 or 555-867-5309'),
  k('a sum of amounts', 'I paid $50 + $25 + $100'),
  k('an error code and an emoji', 'error 0x87e10bef 😡'),
  k('a multiplication of amounts', '3 x $25 = $75'),
  k('a shouted sentence', 'HELLO I NEED HELP WITH MY CARD'),
  k('the last four digits of a card', 'my card ends in 4821'),
  k('a screenshot file name', 'see screenshot IMG_4821.png'),
  k('amounts after a colon', 'I have 2 cards: $50 and $100'),
  k('a reference with a date and a time', 'Ref: 2026-12-06 / 10:30 / 42'),
];

const s = (name: string, first: string, second: string, secret: string): SplitAcross => ({ name, messages: [first, second], secret });

export const splitAcross: SplitAcross[] = [
  s('the README code, last group sent alone', 'AQ4T-G7XRLD', 'NMFB', AMAZON),
  s('two halves of a spaced code', 'first half is X7KQ 9PLM', '4RTZ 2WVB', 'X7KQ9PLM4RTZ2WVB'),
  s('a card number in two halves', 'card number 6006 4912', '3456 7890', WALMART_CARD),
  s('a 15-character Amazon code, last group after a line', 'my code is ZQ82 MBR4LT', '9WXKP sorry hit enter', AMAZON_15),
  s('a Steam code, last group with its dash', '7QXPL-M2ZRT', '-9WKBN', STEAM),
  s('an Xbox code, three groups then two', 'MQXPK 7RT2V HB9WF', 'C3DJY 6GTPX', XBOX),
  s('the word PIN, then the PIN', 'the pin is', '4821', WALMART_PIN),
  s('an Apple code cut after ten characters', 'XJ7QK2LMNP', '4RTV8W', APPLE),
  s('a Target card, then the access number alone', `target card ${TARGET_CARD}`, TARGET_ACCESS, TARGET_ACCESS),
  s('a card number in two fours-groups halves, lower case words', 'here is the first part 6135 2209', 'and 4411 7730', STARBUCKS_CARD),
  s('an Amazon code in lower case, last group alone', 'aq4t g7xrld', 'nmfb', AMAZON),
];
