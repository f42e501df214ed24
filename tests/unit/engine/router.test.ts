import path from 'node:path';
import { loadDialogsDir } from '../../../src/engine/flow-loader';
import { Router } from '../../../src/engine/router';
import { KnowledgeCatalog } from '../../../src/knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../../../src/knowledge/knowledge-loader';
import { Matcher } from '../../../src/knowledge/matcher';
import { Utterance } from '../../../src/understanding/utterance';
import { ROOT } from '../../helpers/paths';

const catalog = new KnowledgeCatalog(loadKnowledgeDir(path.join(ROOT, 'knowledge')));
const matcher = new Matcher(catalog);
const flows = loadDialogsDir(path.join(ROOT, 'dialogs'), { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
const router = new Router(flows);
const said = (text: string) => new Utterance(text, matcher);

describe('Router', () => {
  test.each([
    ['cancel', 'cancel'], ['start over', 'restart'], ['can I talk to a person?', 'person'], ['help', 'help'], ['hi', 'hello'],
  ])('when "%s" is said, then it is the %s command', (text, command) => {
    expect(router.route(said(text), {})).toEqual({ kind: 'command', command });
  });

  test('when a greeting comes with a request, then the request is what counts', () => {
    expect(router.route(said('hi, my amazon code says not valid'), {})).toMatchObject({ kind: 'flow', flow: 'troubleshoot' });
  });

  test.each([
    ['this code is not valid', 'troubleshoot', {}],
    ['I want to sell my card', 'sell-swap', { mode: 'sell' }],
    ['can I trade my card for another', 'sell-swap', { mode: 'swap' }],
    ["I have a card I'll never use", 'sell-swap', {}],
    ['how do I redeem my card', 'redeem', {}],
    ['does my gift card expire', 'question', {}],
  ])('when "%s" is said, then the %s flow starts', (text, flow, slots) => {
    expect(router.route(said(text), {})).toEqual({ kind: 'flow', flow, slots });
  });

  test('when a message is empty, then it is empty; when it is only emoji, it is a question', () => {
    expect(router.route(said('   '), {})).toEqual({ kind: 'empty' });
    expect(router.route(said('[code hidden]'), {})).toEqual({ kind: 'empty' });
    expect(router.route(said('🎁'), {})).toMatchObject({ kind: 'flow', flow: 'question' });
  });
});
