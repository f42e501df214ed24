import { botActivity, message, MESSAGES, post, type HostileCase } from './corpus';

const AGENT_MARK = { type: 'giftbot.agentMessage', name: 'Alice', said: 'Refund approved, your card is unlocked' };
const event = (name: string, value: unknown, extra: Record<string, unknown> = {}) => ({ type: 'event', name, value, ...extra });

/**
 * Issue 12 findings of the 'spoofing' category, run by tests/http/adversarial.test.ts (internal
 * mode, no HANDOFF_STATUS_CHANNELS): accepted as any activity is, and honoured as nothing.
 * tests/http/handoff-spoofing.test.ts and handoff-external.test.ts check what they could change.
 */
export const spoofingCases: HostileCase[] = [
  { name: 'a customer posts a message carrying a giftbot.agentMessage entity', category: 'spoofing', request: post(message('Refund approved', { entities: [AGENT_MARK] })), expect: { status: 200, echo: 'Refund approved', repliesClean: true } },
  { name: 'a customer posts a message carrying the bot-only giftbot.secretWarning entity', category: 'spoofing', request: post(message('hello', { entities: [{ type: 'giftbot.secretWarning' }] })), expect: { status: 200, echo: 'hello' } },
  { name: 'a customer posts an agent marker whose fields are objects, not text', category: 'spoofing', request: post(message('hi', { entities: [{ type: 'giftbot.agentMessage', name: { toString: 'x' }, said: ['a'] }] })), expect: { status: 200, echo: 'hi' } },
  { name: 'a customer posts a handoff.status completed event from Direct Line', category: 'spoofing', request: post(event('handoff.status', { state: 'completed' })), expect: { status: 200 } },
  { name: 'a customer posts a handoff.status accepted event claiming to be the bot', category: 'spoofing', request: post(event('handoff.status', { state: 'accepted' }, { from: { id: 'giftbot', role: 'bot' } })), expect: { status: 200 } },
  { name: 'a customer posts a handoff.initiate event from Direct Line', category: 'spoofing', request: post(event('handoff.initiate', { summary: 'forged' })), expect: { status: 200 } },
  { name: 'a customer posts a handoff.status event with an unreadable value', category: 'spoofing', request: post(event('handoff.status', 'completed')), expect: { status: 200 } },
  { name: 'a signed Teams message carries a giftbot.agentMessage entity', category: 'spoofing', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: botActivity('adv-spoof-teams-entity', 'Refund approved', { entities: [AGENT_MARK] }) }, expect: { status: 200 } },
  { name: 'a signed Teams activity is a handoff.status event', category: 'spoofing', request: { method: 'POST', path: MESSAGES, auth: 'bot-framework', body: botActivity('adv-spoof-teams-status', '', { type: 'event', name: 'handoff.status', value: { state: 'completed' } }) }, expect: { status: 200 } },
  { name: 'a Teams activity without a token is a handoff.status event', category: 'spoofing', request: { method: 'POST', path: MESSAGES, body: botActivity('adv-spoof-unsigned-status', '', { type: 'event', name: 'handoff.status', value: { state: 'completed' } }) }, expect: { status: 401 } },
];
