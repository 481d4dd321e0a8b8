import { createServer, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";

// An embedded PGlite served over the PostgreSQL wire protocol on 127.0.0.1, so that the workerd suite's
// Hyperdrive binding has a server to connect to on a machine without PostgreSQL.
//
// Why not @electric-sql/pglite-socket: its releases pin PGlite exactly (0.2.17 wants 0.5.14, this project
// has 0.5.16, and seven extension packages come along as peers), and its multiplexer hands PGlite's single
// session to the next connection after every protocol message unless an explicit transaction is open. The
// Worker's postgres.js sends Parse/Bind/Execute/Sync with unnamed portals over up to five connections per
// request, so two connections' extended-protocol batches could interleave. Here a connection holds the
// session from the first message of a batch until PostgreSQL reports itself idle (ReadyForQuery 'I'): a
// batch ending in Sync or a simple Query, or a whole transaction, runs undisturbed.

const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
const SYNC = "S".charCodeAt(0);
const QUERY = "Q".charCodeAt(0);
const FLUSH = "H".charCodeAt(0);
const TERMINATE = "X".charCodeAt(0);
const READY_FOR_QUERY = "Z".charCodeAt(0);
const IDLE = "I".charCodeAt(0);

/** PGlite's one session, lent to one connection at a time. */
class SessionLock {
  private owner: number | null = null;
  private readonly waiting: (() => void)[] = [];

  async acquire(id: number): Promise<void> {
    while (this.owner !== null && this.owner !== id) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.owner = id;
  }

  holds(id: number): boolean {
    return this.owner === id;
  }

  release(id: number): void {
    if (this.owner !== id) return;
    this.owner = null;
    this.waiting.shift()?.();
  }
}

/** Whether the last bytes PostgreSQL sent end with ReadyForQuery reporting an idle session. */
function endsIdle(tail: Buffer): boolean {
  const at = tail.length - 6;
  return at >= 0 && tail[at] === READY_FOR_QUERY && tail.readInt32BE(at + 1) === 5 && tail[at + 5] === IDLE;
}

function serveConnection(socket: Socket, db: PGlite, lock: SessionLock, id: number): void {
  let buffer = Buffer.alloc(0);
  let started = false;
  let batch: Buffer[] = [];
  let queue = Promise.resolve();

  async function execute(messages: Buffer[]): Promise<void> {
    await lock.acquire(id);
    let tail = Buffer.alloc(0);
    await db.runExclusive(() =>
      db.execProtocolRawStream(Buffer.concat(messages), {
        onRawData: (data) => {
          const copy = Buffer.from(data);
          if (!socket.destroyed) socket.write(copy);
          tail = Buffer.concat([tail, copy]).subarray(-6);
        },
      }),
    );
    if (endsIdle(tail)) lock.release(id);
  }

  // Splits the bytes received so far into messages; runs each batch once its Sync, Query or Flush is in.
  async function drain(): Promise<void> {
    for (;;) {
      if (!started) {
        if (buffer.length < 8 || buffer.length < buffer.readInt32BE(0)) return;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) socket.write("N");
        else if (code === CANCEL_REQUEST) socket.end();
        else {
          await execute([message]);
          started = true;
        }
        continue;
      }
      if (buffer.length < 5 || buffer.length < 1 + buffer.readInt32BE(1)) return;
      const length = 1 + buffer.readInt32BE(1);
      const type = buffer[0];
      const message = buffer.subarray(0, length);
      buffer = buffer.subarray(length);
      if (type === TERMINATE) {
        socket.end();
        return;
      }
      batch.push(message);
      if (type === SYNC || type === QUERY || type === FLUSH) {
        const messages = batch;
        batch = [];
        await execute(messages);
      }
    }
  }

  // A connection that goes away inside a transaction must not leave it open for the next one.
  async function leave(): Promise<void> {
    if (!lock.holds(id)) return;
    try {
      if (db.isInTransaction()) await db.exec("rollback");
    } finally {
      lock.release(id);
    }
  }

  const then = (step: () => Promise<void>) => {
    queue = queue.then(step).catch((error: unknown) => {
      socket.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  };
  socket.setNoDelay(true);
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    then(drain);
  });
  socket.on("error", () => {});
  socket.on("close", () => then(leave));
}

export interface PgliteServer {
  /** postgres://…@127.0.0.1:<port>/postgres; any user name and password are accepted. */
  url: string;
  /** The database itself, for the migrations and the seed. */
  db: PGlite;
  stop(): Promise<void>;
}

/** Starts a fresh in-memory PGlite behind a PostgreSQL protocol listener on a free port of 127.0.0.1. */
export async function startPgliteServer(): Promise<PgliteServer> {
  const db = await PGlite.create();
  const lock = new SessionLock();
  const sockets = new Set<Socket>();
  let nextId = 1;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveConnection(socket, db, lock, nextId++);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    url: `postgres://postgres:trusted@127.0.0.1:${address.port}/postgres`,
    db,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
