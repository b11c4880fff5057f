/** The in-flight bookkeeping every platform adapter shares: stop waits for replies, but not forever. */
import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/adapters/platform-adapter.js';

describe('replies in flight', () => {
  it('GIVEN a reply finishing during stop THEN stop waits for it and new requests are turned away', async () => {
    const inFlight = new InFlight();
    let finished = false;
    void inFlight.track(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      finished = true;
    });
    const left = await inFlight.drain(5_000);
    expect(finished).toBe(true);
    expect(left).toBe(0);
    expect(inFlight.stopping).toBe(true);
  });

  it('GIVEN a reply hung on a platform call THEN stop gives up after its grace period and says one was left', async () => {
    const inFlight = new InFlight();
    void inFlight.track(() => new Promise<void>(() => {}));
    const stopped = await Promise.race([
      inFlight.drain(50),
      new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 10_000)),
    ]);
    expect(stopped).toBe(1);
  });
});
