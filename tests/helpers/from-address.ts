import { request } from 'node:http';
import { networkInterfaces } from 'node:os';

export interface AddressedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // any: tests read whatever JSON the server answered.
  json: any;
}

/**
 * One HTTP request sent from a chosen local address: 127.0.0.2, 127.0.0.3… are all this machine
 * (Linux answers the whole 127/8 on loopback), so each is a different client to the server.
 */
export function fromAddress(localAddress: string, url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<AddressedAnswer> {
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: localAddress.includes(':') ? '::1' : '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: options.method ?? 'POST', localAddress, agent: false,
        headers: { ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : {}), ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** This machine's first address that is not loopback (a client "from the network"). */
export function networkAddress(): string {
  const address = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to test from');
  return address;
}
