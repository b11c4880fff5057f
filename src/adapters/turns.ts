/**
 * Takes turns on the event loop. Answering a command is CPU work that runs to its first await;
 * when many requests arrive at once, their answers would run back to back (each continues as soon
 * as its acknowledgement is sent) while the requests still arriving wait unacknowledged, and Slack
 * gives up after 3 s. Here each answer starts in an event-loop turn of its own, so the requests that
 * came in meanwhile are read and acknowledged between two answers: an acknowledgement waits for at
 * most one answer's work, not for all of those queued before it.
 */
export class Turns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves at the start of this caller's own turn. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // An immediate queued from an immediate runs in the next loop iteration, after the poll phase
    // has taken in the requests that arrived.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()!();
      this.schedule();
    });
  }
}
