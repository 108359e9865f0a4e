// POST /functions/v1/ingest-inventory (alias POST /api/v1/inventory): one record or a batch of
// up to 1,000, authenticated by the device API key in x-api-key. See _shared/ingest-handler.ts.
import { validateInventoryUpdate } from '../../../shared/ingest/records.ts';
import { createIngestHandler, type IngestDeps, type IngestSpec } from '../_shared/ingest-handler.ts';
import { serviceRpc } from '../_shared/ingest-rpc.ts';

const SPEC: IngestSpec<unknown> = {
  kind: 'INVENTORY',
  rpcName: 'ingest_inventory',
  validate: validateInventoryUpdate,
};

export function createHandler(deps: IngestDeps): (req: Request) => Promise<Response> {
  return createIngestHandler(SPEC, deps);
}

let wired: ((req: Request) => Promise<Response>) | undefined;

// Wired on first use so that importing this module needs no secrets.
export function handler(req: Request): Promise<Response> {
  wired ??= createHandler({ rpc: serviceRpc(), clock: () => Date.now(), log: (line) => console.error(line) });
  return wired(req);
}
