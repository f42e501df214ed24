/** Waits remembered for the estimate: recent enough to follow how busy the team is today. */
const REMEMBERED = 20;
/** Before anyone has been picked up, assume this long a person. */
const DEFAULT_WAIT_MS = 2 * 60_000;

/**
 * "About N minutes": the average of the recent waits from joining the queue to being accepted,
 * times the place in the queue. Rough on purpose — it is a promise to a person, not a forecast.
 */
export class WaitEstimator {
  private readonly waits: number[] = [];

  record(waitMs: number): void {
    this.waits.push(Math.max(0, waitMs));
    if (this.waits.length > REMEMBERED) this.waits.shift();
  }

  minutesFor(position: number): number {
    const average = this.waits.length === 0 ? DEFAULT_WAIT_MS : this.waits.reduce((a, b) => a + b, 0) / this.waits.length;
    return Math.max(1, Math.round((average * Math.max(1, position)) / 60_000));
  }
}
