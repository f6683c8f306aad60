/**
 * The archive's change token without a round trip per request (store/types.ts: changeToken).
 *
 * Every table of the archive has a statement trigger (migration 17) that notifies the schema's own
 * channel, `wirewatch_<md5 of the schema>`; PostgreSQL delivers it once the writing transaction has
 * committed and only then. One connection of the process listens, and the token is a counter it moves
 * on each notification, on each of this process's own commits (so a write is seen by the next request
 * before its notification arrives) and on each (re)connection. Writes to another archive on the same
 * server wake nobody here, where the server's snapshot moved with them.
 *
 * While the listener is not connected (at first, or after its connection was lost) the token is the
 * server's snapshot, one query per request as before, and the listener connects again in the
 * background. A listener that stops answering its heartbeat is treated as lost: a notification it
 * never delivered must not keep a stale page. The two kinds of token never look alike, so one taken in
 * either mode never comes back in the other.
 */
import pg from 'pg';

/** Between checks that the listening connection still answers. */
const HEARTBEAT_MS = 10_000;
/** An unanswered heartbeat this long means the connection is gone. */
const HEARTBEAT_TIMEOUT_MS = 5_000;
const RETRY_FIRST_MS = 100;
/** The listening connection's application_name, followed by the archive's schema. */
export const LISTENER_NAME = 'wirewatch changes';
const RETRY_MAX_MS = 5_000;

type State = 'idle' | 'connecting' | 'listening' | 'closed';

export class ChangeWatch {
  private state: State = 'idle';
  private client: pg.Client | null = null;
  private moves = 0;
  private retryMs = RETRY_FIRST_MS;
  private timer: NodeJS.Timeout | null = null;

  /**
   * `config`: how to connect, as the pool does (the same search_path); `snapshot`: the fallback
   * token, read through the pool.
   */
  constructor(
    private readonly config: pg.ClientConfig,
    private readonly snapshot: () => Promise<string>,
  ) {}

  /** Whether changes arrive as notifications now (the token costs no query). */
  get listening(): boolean {
    return this.state === 'listening';
  }

  async token(): Promise<string> {
    if (this.state === 'listening') return `n${this.moves}`;
    if (this.state === 'idle') this.connect();
    return `s${await this.snapshot()}`;
  }

  /** This process committed a write: the next token differs, whatever the notification's delay. */
  wrote(): void {
    this.moves++;
  }

  async close(): Promise<void> {
    this.state = 'closed';
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private connect(): void {
    this.state = 'connecting';
    const client = new pg.Client({ ...this.config, keepAlive: true });
    this.client = client;
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', () => this.moves++);
    void this.listen(client).catch(() => this.lost(client));
  }

  private async listen(client: pg.Client): Promise<void> {
    await client.connect();
    // Named for its archive, so that an operator (or a test) can tell it among the pool's connections.
    const { rows } = await client.query<{ channel: string }>(
      `SELECT 'wirewatch_' || md5(current_schema()) AS channel,
        set_config('application_name', '${LISTENER_NAME} ' || current_schema(), false)`,
    );
    // The channel is `wirewatch_` and 32 hex digits: nothing to quote.
    await client.query(`LISTEN ${rows[0]!.channel}`);
    if (this.client !== client) return;
    // Whatever committed while nobody listened is in what the next request reads.
    this.moves++;
    this.state = 'listening';
    this.retryMs = RETRY_FIRST_MS;
    this.schedule(() => this.heartbeat(client), HEARTBEAT_MS);
  }

  private heartbeat(client: pg.Client): void {
    const timeout = setTimeout(() => this.lost(client), HEARTBEAT_TIMEOUT_MS);
    timeout.unref();
    client.query('SELECT 1').then(
      () => {
        clearTimeout(timeout);
        if (this.client === client) this.schedule(() => this.heartbeat(client), HEARTBEAT_MS);
      },
      () => {
        clearTimeout(timeout);
        this.lost(client);
      },
    );
  }

  /** Back to the snapshot token, and a new connection after a pause that grows while it fails. */
  private lost(client: pg.Client): void {
    if (this.client !== client || this.state === 'closed') return;
    this.client = null;
    this.state = 'connecting';
    client.removeAllListeners('notification');
    void client.end().catch(() => {});
    this.schedule(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private schedule(fn: () => void, ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(fn, ms);
    // A watch never keeps a process alive on its own: `close` ends it, and so does exiting.
    this.timer.unref();
  }
}
