import { loadConfig } from '../../../src/config/config';

describe('HANDOFF_STATUS_CHANNELS', () => {
  test('when it lists contact-centre channels, then they are read as a list; unset or empty means none', () => {
    expect(loadConfig({ HANDOFF_STATUS_CHANNELS: ' omnichannel , liveperson ' }).HANDOFF_STATUS_CHANNELS).toEqual(['omnichannel', 'liveperson']);
    expect(loadConfig({}).HANDOFF_STATUS_CHANNELS).toBeUndefined();
    expect(loadConfig({ HANDOFF_STATUS_CHANNELS: '' }).HANDOFF_STATUS_CHANNELS).toBeUndefined();
  });

  test('when it names a channel customers write on, then start-up stops naming the variable', () => {
    for (const channel of ['directline', 'WebChat', 'msteams', 'slack', 'emulator']) {
      expect(() => loadConfig({ HANDOFF_STATUS_CHANNELS: `omnichannel,${channel}` })).toThrow(new RegExp(`HANDOFF_STATUS_CHANNELS: ${channel} is a customer channel`));
    }
  });
});
