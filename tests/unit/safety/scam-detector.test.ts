import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ScamDetector } from '../../../src/safety/scam-detector';
import { ROOT } from '../../helpers/paths';

const cues = JSON.parse(readFileSync(path.join(ROOT, 'dialogs', 'global.json'), 'utf8')).safety.scamCues;
const detector = new ScamDetector(cues);

describe('ScamDetector with the shipped cues', () => {
  test.each([
    'the IRS said to pay in gift cards',
    "he's on the phone and needs the numbers",
    'my boss emailed me asking to buy gift cards and send the codes',
    'someone called saying there is a warrant and I must pay with gift cards',
    'my grandson is in jail and the lawyer wants the codes',
  ])('when someone says "%s", then it is a scam story', (text) => {
    expect(detector.isScam(text)).toBe(true);
  });

  test.each([
    'can I pay my phone bill with a gift card',
    'how do I check the numbers on my card',
    'my amazon code says not valid',
    'I want to sell my card for cash',
  ])('when someone says "%s", then it is an ordinary question', (text) => {
    expect(detector.isScam(text)).toBe(false);
  });
});
