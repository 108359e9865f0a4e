// One RxDB database per user, holding that user's role-scoped collections. The scope the
// data was synced for (role, store, region, scope_version) is kept in a local document;
// opening with a different scope wipes the database first, so a demoted or moved user
// never keeps documents of the old scope (issue 7 §4).
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { collectionsForRole, databaseName, type Role } from '#shared/sync/collections.ts';
import { resolveConflict, sameDocument } from '#shared/sync/conflict.ts';
import { SCHEMAS, type CollectionName } from '#shared/sync/schemas.ts';
import { MIGRATION_STRATEGIES } from './sync-migrations.ts';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export interface SyncScope {
  readonly userId: string;
  readonly role: Role | undefined;
  readonly storeId: string | undefined;
  readonly regionId: string | undefined;
  readonly scopeVersion: number | undefined;
}

const scopeKey = (s: SyncScope): string =>
  JSON.stringify([s.role ?? null, s.storeId ?? null, s.regionId ?? null, s.scopeVersion ?? null]);

// The rule every device applies (shared/sync/conflict.ts): the master state wins.
const conflictHandler = {
  isEqual: (a: unknown, b: unknown) => sameDocument(a, b),
  resolve: (i: { realMasterState: unknown; newDocumentState: unknown }) =>
    Promise.resolve(resolveConflict(i)),
};

async function create(
  scope: SyncScope,
  storage: RxStorage<unknown, unknown>,
  multiInstance: boolean,
  only: readonly CollectionName[] | undefined,
) {
  const db = await createRxDatabase({
    name: databaseName(scope.userId),
    storage,
    multiInstance,
    localDocuments: true,
    closeDuplicates: true,
  });
  const defs = collectionsForRole(scope.role, only);
  await db.addCollections(
    Object.fromEntries(
      defs.map((d) => [
        d.name,
        {
          schema: SCHEMAS[d.name],
          conflictHandler,
          migrationStrategies: MIGRATION_STRATEGIES[d.name],
          localDocuments: false,
        },
      ]),
    ) as never,
  );
  return db;
}

/** Opens the user's database, wiping it first when it was synced for another scope. */
export async function openUserDatabase(
  scope: SyncScope,
  storage: RxStorage<unknown, unknown>,
  opts: { readonly multiInstance?: boolean; readonly only?: readonly CollectionName[] } = {},
): Promise<RxDatabase> {
  const multi = opts.multiInstance ?? true;
  let db = await create(scope, storage, multi, opts.only);
  const stored = await db.getLocal<{ key: string }>('sync-scope');
  if (stored !== null && stored.get('key') !== scopeKey(scope)) {
    await db.remove();
    db = await create(scope, storage, multi, opts.only);
  }
  await db.upsertLocal('sync-scope', { key: scopeKey(scope) });
  return db;
}
