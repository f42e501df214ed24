import { isIP } from 'node:net';
import { z } from 'zod';
import { isLoopbackAddress } from './loopback';

/** One allowed place: an origin and a path prefix ("https://smba.trafficmanager.net/amer/"). */
export interface AllowedServiceUrl {
  origin: string;
  path: string;
}

/** SERVICE_URL_ALLOWLIST: comma-separated https URLs; an activity's serviceUrl must start with one (same origin, path under it). */
export const ServiceUrlAllowListSchema = z.string().transform((value, ctx): AllowedServiceUrl[] => {
  const allowed: AllowedServiceUrl[] = [];
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: `each entry must be a plain https URL (not "${entry.slice(0, 80)}")` });
      continue;
    }
    allowed.push({ origin: url.origin, path: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/` });
  }
  if (allowed.length === 0 && ctx.issues.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one https URL' });
  return allowed;
});

/**
 * Whether giftbot may call `serviceUrl` back: http(s) on this machine (the Emulator, local tests),
 * or under an allow-listed URL. Userinfo ("http://127.0.0.1@evil.example"), other schemes, and
 * every other host (169.254.169.254, private networks, look-alike names) are refused.
 */
export function serviceUrlAllowed(serviceUrl: string, allowList: readonly AllowedServiceUrl[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || (isIP(host) !== 0 && isLoopbackAddress(host))) return true;
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return allowList.some((allowed) => url.origin === allowed.origin && path.startsWith(allowed.path));
}
