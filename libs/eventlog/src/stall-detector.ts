/**
 * Whether a follower of the log is stuck: the stream has records past the last one delivered, and
 * no record came between two checks. A JetStream consumer can die with its server (an R1 ephemeral
 * consumer lives on one server; SIGKILL of the stream leader of an R3 cluster takes it along) and
 * nats.js does not always recreate it; the follower then starts a new consumer after the last
 * record it has. Pure: fed the stream's last sequence at each check.
 */
export class StallDetector {
  private previous?: number;

  /** `delivered`: the last sequence handed on; `last`: the stream's last sequence now. */
  check(delivered: number, last: number): boolean {
    const behind = last > delivered;
    const stalled = behind && this.previous === delivered;
    this.previous = behind && !stalled ? delivered : undefined;
    return stalled;
  }
}
