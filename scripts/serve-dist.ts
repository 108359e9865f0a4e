// Serves a PWA build against an already running database (e.g. the demo data of a running
// `npm start`), on a free port: for screenshots and benchmarks of a branch's build without
// restarting the shared stack. Usage:
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:54322/postgres \
//     npx tsx scripts/serve-dist.ts /tmp/my-dist
// The build must have been made with the local anon key (see README: npm test builds it so).
import { resolve } from 'node:path';
import { startStack } from '../supabase/local/stack.ts';

const url = process.env['DATABASE_URL'];
const webRoot = process.argv[2];
if (url === undefined || webRoot === undefined) {
  console.error('usage: DATABASE_URL=… npx tsx scripts/serve-dist.ts <dist dir>');
  process.exit(2);
}
const stack = await startStack({
  databaseUrl: url,
  port: Number(process.env['PORT'] ?? 0),
  webRoot: resolve(webRoot),
});
console.log(`serving ${webRoot} at ${stack.url}`);
const stop = (): void => void stack.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
