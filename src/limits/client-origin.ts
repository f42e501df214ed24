import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The address of the client whose request is being handled, for limits counted deep inside a
 * turn (handoff requests per IP). Set at the HTTP edge for requests that come straight from a
 * customer (Direct Line); unset for channels relayed by a service (Azure, Slack), whose address
 * says nothing about the person.
 */
const origin = new AsyncLocalStorage<string>();

export const clientOrigin = {
  /** Runs `fn` (and every turn it starts) as a request from `ip`. */
  run<T>(ip: string, fn: () => T): T {
    return origin.run(ip, fn);
  },
  /** The current client's address, if the edge knows it. */
  ip(): string | undefined {
    return origin.getStore();
  },
};
