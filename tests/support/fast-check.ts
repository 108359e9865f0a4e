// Every property test runs with a fixed seed, so a run is reproducible and CI cannot fail on
// a counterexample no local run has seen. To explore, set FC_SEED (any integer) and FC_RUNS
// (cases per property where a test does not fix its own numRuns), e.g.
//   FC_SEED=$RANDOM FC_RUNS=1000 npx vitest run --project property
// A failure prints its seed and path; fix the code, then add the case as a regression test.
import fc from 'fast-check';

const seed = Number(process.env['FC_SEED'] ?? 20261203);
const runs = process.env['FC_RUNS'] === undefined ? undefined : Number(process.env['FC_RUNS']);
fc.configureGlobal({ seed, ...(runs === undefined ? {} : { numRuns: runs }) });
