// Repository locations the local stack reads and writes, resolved from this file so the
// stack behaves the same whatever the working directory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const MIGRATIONS_DIR = join(REPO_ROOT, 'supabase', 'migrations');
export const DATA_DIR = join(REPO_ROOT, '.data');
export const DIST_DIR = join(REPO_ROOT, 'dist');
