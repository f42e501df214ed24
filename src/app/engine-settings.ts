import type { Config } from '../config/config';
import type { EngineSettings } from '../engine/engine-settings';

/** The engine's settings out of the whole configuration. */
export function engineSettingsFrom(config: Config): EngineSettings {
  return {
    maxAmount: config.MAX_AMOUNT,
    links: { sell: config.SELL_URL, swap: config.SWAP_URL },
    supportHours: `${config.SUPPORT_HOURS.text} (${config.SUPPORT_TIMEZONE})`,
  };
}
