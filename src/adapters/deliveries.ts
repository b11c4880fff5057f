/**
 * Answers each platform delivery once. Slack re-sends an event it thinks timed out (same event id,
 * with X-Slack-Retry-Num), possibly to another replica behind the load balancer; two Discord
 * sessions of one shard both receive its interactions. The first delivery is recorded in the shared
 * state store, so whichever replica sees a repeat knows it was answered. The last few thousand ids
 * are also kept in memory, which spares the store a query for a repeat reaching the same replica and
 * keeps dedupe working while the store is out of reach.
 */
import type { Logger } from '../logger.js';

/** Records an id in the shared store; true for its first delivery. */
export type SharedDeliveries = (id: string) => Promise<boolean>;

/** The last `capacity` ids seen by this process. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 5_000) {}
  /** True when the id was seen before; records it otherwise. */
  check(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return false;
  }
}

export class Deliveries {
  private readonly recent = new RecentIds();
  private reported = false;

  constructor(
    private readonly shared: SharedDeliveries | undefined,
    private readonly log: Logger,
  ) {}

  /** True when `id` was delivered before (to this replica or, through the store, any other). */
  async isRepeat(id: string | undefined): Promise<boolean> {
    if (!id) return false;
    if (this.recent.check(id)) return true;
    if (!this.shared) return false;
    try {
      const first = await this.shared(id);
      this.reported = false;
      return !first;
    } catch (error) {
      // Better a rare double answer than none: without the store, this replica's memory decides.
      if (!this.reported)
        this.log.warn(
          { err: error },
          'cannot record deliveries in the state store; repeats are recognised per replica only',
        );
      this.reported = true;
      return false;
    }
  }
}
