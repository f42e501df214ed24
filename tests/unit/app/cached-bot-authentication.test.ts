import type { Activity } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { CachedBotFrameworkAuthentication } from '../../../src/app/cached-bot-authentication';

const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'webchat', serviceUrl }) as Activity;

/** Where the client sends requests (protected in the typings, so read through a cast). */
const baseUri = (client: ConnectorClient) => (client as unknown as { baseUri: string }).baseUri;

/** Anonymous (no MicrosoftAppId), as in development: the real authentication, no network needed. */
const anonymous = () => new CachedBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));

describe('CachedBotFrameworkAuthentication', () => {
  it('when two activities come from the same serviceUrl, then they share one connector client', async () => {
    const auth = anonymous();
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:3978/'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:3978/'), '');
    const a = await first.connectorFactory!.create('http://127.0.0.1:3978/', first.audience);
    const b = await second.connectorFactory!.create('http://127.0.0.1:3978/', second.audience);
    expect(b).toBe(a);
    expect(baseUri(a)).toBe('http://127.0.0.1:3978/');
  });

  it('when the serviceUrl or the audience differs, then each gets a client of its own, pointed at its serviceUrl', async () => {
    const auth = anonymous();
    const factory = (await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '')).connectorFactory!;
    const one = await factory.create('http://127.0.0.1:1/');
    const other = await factory.create('http://127.0.0.1:2/');
    const otherAudience = await factory.create('http://127.0.0.1:1/', 'https://api.botframework.com');
    expect(other).not.toBe(one);
    expect(otherAudience).not.toBe(one);
    expect(baseUri(other)).toBe('http://127.0.0.1:2/');
  });

  it('when activities are for different bot app ids, then they do not share a client', async () => {
    const auth = anonymous();
    const identity = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
    const a = await auth.createConnectorFactory(identity('app-a')).create('http://127.0.0.1:1/');
    const b = await auth.createConnectorFactory(identity('app-b')).create('http://127.0.0.1:1/');
    const aAgain = await auth.createConnectorFactory(identity('app-a')).create('http://127.0.0.1:1/');
    expect(b).not.toBe(a);
    expect(aAgain).toBe(a);
  });

  it('when user token clients are asked for the same app, then one is built', async () => {
    const auth = anonymous();
    const identity = new ClaimsIdentity([], 'anonymous');
    expect(await auth.createUserTokenClient(identity)).toBe(await auth.createUserTokenClient(identity));
  });

  it('when many serviceUrls pass through, then only the latest 64 clients are kept', async () => {
    const auth = anonymous();
    const factory = auth.createConnectorFactory(new ClaimsIdentity([], 'anonymous'));
    const first = await factory.create('http://127.0.0.1:1000/');
    for (let port = 1001; port <= 1064; port++) await factory.create(`http://127.0.0.1:${port}/`);
    const newest = await factory.create('http://127.0.0.1:1064/');
    expect(await factory.create('http://127.0.0.1:1064/')).toBe(newest);
    expect(await factory.create('http://127.0.0.1:1000/')).not.toBe(first);
  });
});
