import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/** Which policy a response gets; decided by the exact path, so anything unlisted gets the strictest. */
export type PageKind = 'website' | 'console' | 'teams-tab' | 'embed-script' | 'other';

/**
 * Where Microsoft hosts Teams tabs (Teams, Microsoft 365, Outlook, and the *.cloud.microsoft domain
 * they are moving to), as "Tab requirements" on learn.microsoft.com lists them for frame-ancestors.
 * https only: a tab is never framed over plain http.
 */
export const TEAMS_HOSTS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

/** teams-js reaches Microsoft's CDN for its host configuration. */
const TEAMS_CDN = 'https://res.cdn.office.net';

export function pageKind(path: string): PageKind {
  switch (path) {
    // The help centre; its second page shows the widget carrying a conversation across pages.
    case '/':
    case '/index.html':
    case '/help/redeem.html':
      return 'website';
    case '/agent/':
    case '/agent/index.html':
    case '/agent/reports.html':
      return 'console';
    case '/agent/teams.html':
      return 'teams-tab';
    // Loaded by <script> from customers' own sites: they must be embeddable cross-origin.
    case '/widget.js':
    case '/webchat/webchat.js':
      return 'embed-script';
    default:
      return 'other';
  }
}

export interface SecurityHeaderOptions {
  /** PUBLIC_URL: when https, HSTS is sent and the stream's wss:// origin is allowed explicitly. */
  publicUrl?: string | undefined;
}

/**
 * Security headers on every answer, by helmet: a Content-Security-Policy for each kind of page
 * (JSON and everything else: `default-src 'none'`), frame-ancestors (nobody may frame giftbot except
 * Teams and Microsoft 365 framing the Teams tab), nosniff, Referrer-Policy no-referrer, and HSTS
 * only when PUBLIC_URL is https (over http it would be ignored, and a localhost HSTS entry breaks
 * every other local app).
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): RequestHandler {
  const https = options.publicUrl?.startsWith('https://') ?? false;
  // 'self' covers ws:/wss: to the page's own host in CSP Level 3 browsers; behind a proxy the stream
  // URL is PUBLIC_URL's, so that origin is named too.
  const stream = options.publicUrl ? [new URL(options.publicUrl).origin.replace(/^http/, 'ws')] : [];
  const common = {
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
  const policies: Record<PageKind, HelmetOptions> = {
    // The demo help centre with the widget: Web Chat's bundle, the Direct Line API and its stream.
    // Web Chat and the widget inject <style> elements at run time, hence 'unsafe-inline' for styles only.
    website: page({ ...common, 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'font-src': ["'self'", 'data:'], 'connect-src': ["'self'", ...stream], 'frame-ancestors': ["'none'"] }),
    console: page({ ...common, 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'", ...stream], 'frame-ancestors': ["'none'"] }),
    'teams-tab': page(
      { ...common, 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'", ...stream, TEAMS_CDN], 'frame-ancestors': [...TEAMS_HOSTS] },
      // frame-ancestors decides; X-Frame-Options has no way to name several hosts.
      { xFrameOptions: false },
    ),
    'embed-script': page({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] }, { crossOriginResourcePolicy: { policy: 'cross-origin' } }),
    other: page({ 'default-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'frame-ancestors': ["'none'"] }),
  };
  // A year, this host only: giftbot can't speak for the operator's other subdomains.
  const hsts = https ? { maxAge: 31_536_000, includeSubDomains: false } : false;
  const handlers = Object.fromEntries(Object.entries(policies).map(([kind, policy]) => [kind, helmet({ ...policy, strictTransportSecurity: hsts } as HelmetOptions)])) as Record<PageKind, ReturnType<typeof helmet>>;
  return (req, res, next) => handlers[pageKind(req.path)](req, res, next);
}

type Directives = Record<string, string[]>;

function page(directives: Directives, extra: Partial<HelmetOptions> = {}): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    ...extra,
  } as HelmetOptions;
}
