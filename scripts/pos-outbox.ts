// A durable on-disk outbox for feed batches (reliability-security §3.2): a batch is
// written (temp file, fsync, rename) BEFORE it is sent, removed only after a 2xx, and
// moved to dead/ after a non-retryable answer. A restarted simulator resends what is left,
// with the same bytes, so the server's idempotency makes the resend harmless.
import {
  mkdirSync,
  openSync,
  writeSync,
  fsyncSync,
  closeSync,
  renameSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';

export interface OutboxItem {
  /** Sortable: delivery order within a device. */
  readonly id: string;
  /** Function name, e.g. ingest-transactions. */
  readonly fn: string;
  readonly key: string;
  readonly body: string;
}

export class DiskOutbox {
  readonly dir: string;
  private readonly deadDir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.deadDir = join(dir, 'dead');
    mkdirSync(this.deadDir, { recursive: true });
  }

  put(item: OutboxItem): void {
    const tmp = join(this.dir, `.${item.id}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(item));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, `${item.id}.json`));
  }

  pending(): OutboxItem[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as OutboxItem);
  }

  ack(id: string): void {
    rmSync(join(this.dir, `${id}.json`), { force: true });
  }

  dead(id: string, reason: string): void {
    renameSync(join(this.dir, `${id}.json`), join(this.deadDir, `${id}.json`));
    const fd = openSync(join(this.deadDir, `${id}.reason.txt`), 'w');
    writeSync(fd, reason);
    closeSync(fd);
  }

  deadCount(): number {
    return readdirSync(this.deadDir).filter((f) => f.endsWith('.json')).length;
  }
}
