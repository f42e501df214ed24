import { directLineClient, type Customer } from './directline-client';
import { eventually, postJson } from './server';

/** Waits until the customer has been shown a message holding `text`; that message. */
export function customerSaw(customer: Customer, text: string, ms = 8000): Promise<string> {
  return eventually(() => customer.texts().find((t) => t.includes(text)), ms, `customer to see "${text}"`);
}

/**
 * A website customer on the real Direct Line client (WebSocket) who asks for a person with
 * `summary` and is told they are in the queue: how most handoff tests begin. The client goes into
 * `opened` at once, so the test's clean-up ends it even when a wait here fails (an open socket
 * would keep jest from exiting).
 */
export async function queuedCustomer(baseUrl: string, summary: string, opened: Customer[]): Promise<Customer> {
  const { body } = await postJson(`${baseUrl}/v3/directline/tokens/generate`, {});
  const customer = directLineClient({ domain: `${baseUrl}/v3/directline`, token: body.token, webSocket: true });
  opened.push(customer);
  await customerSaw(customer, "I'm giftbot");
  await customer.say('talk to a person');
  await customerSaw(customer, 'In one line');
  await customer.say(summary);
  await customerSaw(customer, 'in the queue');
  return customer;
}
