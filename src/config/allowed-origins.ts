import { z } from 'zod';

/**
 * ALLOWED_ORIGINS: "https://help.example.com,https://www.example.com" — the sites that may run the
 * widget against this giftbot from another origin. Each entry must be exactly an origin (scheme,
 * host, optional port) because browsers send exactly that in the Origin header: a path or a
 * trailing slash would never match, so it is refused at start-up instead of failing silently.
 */
export const AllowedOriginsSchema = z.string().transform((value, ctx): string[] => {
  const origins: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) ctx.addIssue({ code: 'custom', message: `${entry} is not an http(s) origin like https://help.example.com` });
    else if (url.origin !== entry) ctx.addIssue({ code: 'custom', message: `${entry} must be an origin only (scheme://host[:port]), like ${url.origin}` });
    else if (!origins.includes(entry)) origins.push(entry);
  }
  return origins;
});
