import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** Distinct (bot app, serviceUrl, audience) clients kept; past this the oldest goes. A bot talks to a handful of channels. */
const MAX_CLIENTS = 64;

/**
 * CloudAdapter builds a ConnectorClient and a UserTokenClient — each an HTTP pipeline with its
 * credentials — for every incoming activity, though they depend only on the bot's app id, the
 * serviceUrl and the audience. That construction (and its garbage) was a visible share of a turn
 * on /api/messages. This wraps the configured authentication and hands out one client per key,
 * as the older BotFrameworkAdapter did; authentication itself still runs for every request.
 */
export class CachedBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.cachedFactory(result.claimsIdentity, result.connectorFactory) } : result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.cachedFactory(result.claimsIdentity, result.connectorFactory) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.cachedFactory(claimsIdentity, this.inner.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return remember(this.userTokens, appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private cachedFactory(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    return new CachedConnectorFactory(factory, appIdOf(claimsIdentity), this.connectors);
  }
}

/** One incoming activity's connector factory, answering from the shared cache (declared once: a class expression per activity showed in the profile). */
class CachedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly connectors: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    // JSON, so no serviceUrl or audience can be made to read as another key.
    return remember(this.connectors, JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience));
  }
}

/** The app id the inner authentication builds clients for, read as it reads it: the audience claim, else appid (none when anonymous). */
function appIdOf(claimsIdentity: ClaimsIdentity | undefined): string {
  return claimsIdentity?.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity?.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** The cached promise for `key`, or a new one; a failed one is forgotten so the next turn retries. */
function remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  cache.set(key, made);
  made.catch(() => cache.get(key) === made && cache.delete(key));
  if (cache.size > MAX_CLIENTS) cache.delete(cache.keys().next().value!);
  return made;
}
