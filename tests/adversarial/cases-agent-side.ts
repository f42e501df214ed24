import { agentHtml, type HostileCase } from './corpus';

const TRANSFER = '/api/agent/conversations/{handoff}/transfer';

/** An agent message through the real markdown parser: 201, and the customer gets `sees` with nothing that loads or runs. */
const agentText = (name: string, text: string, sees: string): HostileCase => ({ ...agentHtml(name, text, sees), category: 'agent-side' });

/** Issue 12 findings of the 'agent-side' category, run by tests/http/adversarial.test.ts. */
export const agentSideCases: HostileCase[] = [
  agentText('an agent sends an http image whose alt text nests brackets ("![a [b] c](http://…)")', '![a [b] c](http://evil.example/pixel.png) refund sent', 'a [b] c refund sent'),
  agentText('an agent sends an https image', 'see ![the back of the card](https://img.example/back.png)', 'the back of the card: https://img.example/back.png'),
  agentText('an agent sends a data: image', '![pixel](data:image/png;base64,AAAA) hello', 'pixel hello'),
  agentText('an agent sends a plain-http link', 'use [the form](http://forms.example/refund)', 'the form (`http://forms.example/refund`)'),
  agentText('an agent sends HTML written as entities', '&lt;script&gt;alert(1)&lt;/script&gt; refund sent', 'alert(1) refund sent'),
  agentText('an agent escapes the brackets of a javascript: link', '\\[free balance\\](javascript:alert(1))', 'free balance'),
  agentText('an agent sends a javascript: link whose label nests brackets', '[refund [now]](javascript:alert(1))', 'refund [now]'),
  agentText('an agent sends a mailto: link with another address behind its label', '[help@giftbot.example](mailto:thief@evil.example)', 'help@giftbot.example (thief@evil.example)'),
  agentText('an agent sends a tel: link', '[call us](tel:+15550100)', 'call us (+15550100)'),
  agentText('an agent sends an image inside an https link', '[![logo](http://evil.example/p.png)](https://help.example/refunds)', '[logo](https://help.example/refunds)'),
  agentText('an agent sends a javascript: link inside an angle-bracket destination', '[refund](<javascript:alert(1)>) ok', 'refund ok'),
  agentText('an agent sends a bare www address', 'go to www.giftcard-refunds.com now', '`www.giftcard-refunds.com`'),
  { name: 'an agent transfers to an agent id nobody has', category: 'agent-side', request: { method: 'POST', path: TRANSFER, auth: 'agent', body: { to: 'aad:00000000-0000-0000-0000-000000000000' } }, expect: { status: 404, errorCode: 'UnknownAgent' } },
  { name: 'an agent transfers to a name nobody has', category: 'agent-side', request: { method: 'POST', path: TRANSFER, auth: 'agent', body: { to: 'Mallory' } }, expect: { status: 404, errorCode: 'UnknownAgent' } },
  { name: 'an agent transfers to themselves by id', category: 'agent-side', request: { method: 'POST', path: TRANSFER, auth: 'agent', body: { to: 'token:Alice' } }, expect: { status: 400, errorCode: 'BadRequest' } },
  { name: 'the list of agents is asked for without a token', category: 'agent-side', request: { method: 'GET', path: '/api/agent/agents' }, expect: { status: 401, errorCode: 'Unauthorized' } },
];
