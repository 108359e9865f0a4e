// POST /functions/v1/ingest-competitor-prices (alias POST /api/v1/competitor-prices): one record or a batch of
// up to 1,000, authenticated by the device API key in x-api-key. See _shared/ingest-handler.ts.
import { validateCompetitorPrice } from '../../../shared/ingest/records.ts';
import { createIngestHandler, type IngestDeps, type IngestSpec } from '../_shared/ingest-handler.ts';
import { serviceRpc } from '../_shared/ingest-rpc.ts';

const SPEC: IngestSpec<unknown> = {
  kind: 'COMPETITOR_PRICE',
  rpcName: 'ingest_competitor_prices',
  validate: validateCompetitorPrice,
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
