import { isIP } from 'node:net';

/**
 * Whether an address is this machine: 127.0.0.0/8, ::1, or either written as an IPv4-mapped IPv6
 * address ("::ffff:127.0.0.1", as a dual-stack socket reports it).
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1' || plain === '0:0:0:0:0:0:0:1';
}

/** The address as limits key it: IPv4-mapped IPv6 written as plain IPv4, so one client is one key. */
export function clientKey(address: string | undefined): string {
  return (address ?? 'unknown').toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
