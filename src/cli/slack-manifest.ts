import { z } from 'zod';
import { SLACK_EVENTS_PATH } from '../channels/slack/slack-channel';
import { parseCommandArgs, type Io } from './io';

/**
 * What the Slack channel (src/channels/slack) needs from Slack, and nothing more:
 * - app_mentions:read → the `app_mention` event (someone @-mentions the bot in a channel);
 * - im:history → the `message.im` event (a direct message to the bot);
 * - chat:write → chat.postMessage and chat.postEphemeral, every reply the bot posts.
 * Button clicks (block_actions) come by interactivity, which needs no scope.
 */
const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'im:history'];
const BOT_EVENTS = ['app_mention', 'message.im'];

/** Slack's display name limit (display_information.name and bot_user.display_name: 35 and 80). */
const NAME_MAX = 35;

/**
 * Slack only calls https Request URLs with a valid certificate, and never a private address, so a
 * manifest pointing at http or localhost would be refused or never called: better said here.
 */
const PublicUrl = z
  .url({
    protocol: /^https$/,
    error: (issue) => (issue.input === undefined ? "is not set: the bot's public https address, like https://giftbot.example.com" : 'must be an https URL, like https://giftbot.example.com (Slack calls only https Request URLs)'),
  })
  .refine((url) => !isLocalHost(url), 'must be a public address: Slack cannot reach localhost');

const Name = z.string().trim().min(1, 'must not be empty').max(NAME_MAX, `must be at most ${NAME_MAX} characters (Slack's limit)`);

/**
 * `giftbot slack manifest [--name NAME]`: prints the manifest for Slack's "Create New App › From an
 * app manifest" (JSON, on stdout, so it can be piped to a file or the clipboard), with Request URLs
 * built from PUBLIC_URL. A missing or unusable PUBLIC_URL prints what to fix and exits 1.
 */
export async function slackManifest(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { name: { type: 'string' } }, false);
  const publicUrl = PublicUrl.safeParse(io.env.PUBLIC_URL?.trim() || undefined);
  const name = Name.safeParse(values.name ?? 'giftbot');
  const problems = [
    ...(publicUrl.success ? [] : [`PUBLIC_URL: ${publicUrl.error.issues[0]?.message ?? 'is not usable'}`]),
    ...(name.success ? [] : [`--name: ${name.error.issues[0]?.message ?? 'is not usable'}`]),
  ];
  if (!publicUrl.success || !name.success) {
    io.err(`Can't write the Slack app manifest: fix this, then run it again.\n${problems.map((line) => `  ${line}`).join('\n')}\n`);
    return 1;
  }
  io.out(`${JSON.stringify(buildSlackManifest(publicUrl.data, name.data), null, 2)}\n`);
  return 0;
}

/** The manifest itself (version 1, the format "Create New App › From an app manifest" takes). */
function buildSlackManifest(publicUrl: string, name: string): object {
  // PUBLIC_URL may carry a path (giftbot behind a proxy under /support): the events path goes after it.
  const requestUrl = `${publicUrl.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Gift-card help: redeem steps, fixes for errors, selling or swapping a card, and a person when needed.',
      background_color: '#1d4ed8',
    },
    features: {
      // Direct messages reach the bot through its Messages tab, which must accept what people type.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
    },
    oauth_config: { scopes: { bot: BOT_SCOPES } },
    settings: {
      // One endpoint takes both: Bolt's receiver tells events from interactions by the payload.
      event_subscriptions: { request_url: requestUrl, bot_events: BOT_EVENTS },
      interactivity: { is_enabled: true, request_url: requestUrl },
      org_deploy_enabled: false,
      // giftbot takes Slack's requests over HTTP (signed with the signing secret); no app-level token.
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

function isLocalHost(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false; // not a URL at all: the url check has said so
  }
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]' || hostname === '0.0.0.0';
}
