import type { LinkBases } from '../links/deep-link';

/**
 * The few settings the engine reads, and nothing else of the configuration: the composition root
 * builds them from the environment, tests write them out.
 */
export interface EngineSettings {
  /** The largest amount an answer or an opening message may state (MAX_AMOUNT). */
  maxAmount: number;
  /** Where sell and swap deep links start (SELL_URL, SWAP_URL). */
  links: LinkBases;
  /** Support hours as the wording shows them, {handoff.hours}: "Mon–Fri 9:00–17:00 (Europe/London)". */
  supportHours: string;
}
