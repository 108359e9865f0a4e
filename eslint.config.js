// Lint enforces the architecture (ARCHITECTURE.md §3, STYLE.md "Boundaries"):
// import zones between folders, no ambient I/O or clock in shared/, libraries only
// behind the app's own modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const sharedGlobals = [
  ['window', 'shared/ is isomorphic: pass what you need from web/ as a parameter.'],
  ['document', 'shared/ is isomorphic: no DOM; render in web/.'],
  ['navigator', 'shared/ is isomorphic: pass device facts in as parameters.'],
  ['localStorage', 'shared/ has no storage: persist in web/data/.'],
  ['fetch', 'shared/ does no I/O: do the request in an adapter and pass the data in.'],
  ['setTimeout', 'shared/ has no timers: schedule in an adapter; take time as a parameter.'],
  ['setInterval', 'shared/ has no timers: schedule in an adapter; take time as a parameter.'],
  ['Deno', 'shared/ runs in browser, worker, Node and Deno alike: no Deno APIs.'],
  ['process', 'shared/ runs in browser, worker, Node and Deno alike: pass config in.'],
  ['Buffer', 'shared/ is isomorphic: use Uint8Array / TextEncoder.'],
  ['require', 'shared/ is ESM: use import with a .ts extension.'],
].map(([name, message]) => ({ name, message }));

/** `lib` may only be imported by files matching `allowed` (glob list). */
const libraryHomes = [
  { lib: '@supabase/*', home: 'web/data/ and supabase/functions/_shared/' },
  { lib: 'rxdb', home: 'web/data/' },
  { lib: 'echarts', home: 'web/ui/charts/' },
  { lib: 'zustand', home: '*.store.ts files' },
  { lib: 'comlink', home: 'workers/ and web/workers-client/' },
];
const libPattern = (lib) => ({
  group: [lib, `${lib}/**`],
  message: `${lib} lives behind the app's own module in ${libraryHomes.find((l) => l.lib === lib)?.home}.`,
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'dev-dist/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'No enums (erasable syntax only): use a union of string literals.',
        },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces: use ES modules.' },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared',
              from: ['./web', './workers', './supabase', './tests', './e2e', './bench', './scripts'],
              message: 'shared/ imports nothing from the repo.',
            },
            {
              target: './web',
              from: './supabase',
              message: 'web/ never imports supabase/: call the backend through web/data/.',
            },
            { target: './workers', from: ['./web', './supabase'], message: 'workers/ import shared/ only.' },
            {
              target: './supabase/functions',
              from: ['./web', './workers', './supabase/local'],
              message: 'Edge functions import shared/ and functions/_shared/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...sharedGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'shared/ takes the clock as a parameter (e.g. `now: number`).',
        },
        { object: 'Math', property: 'random', message: 'shared/ takes a seeded RNG as a parameter.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^#', message: 'shared/ uses relative imports ending in .ts.' },
            { regex: '^node:', message: 'shared/ is isomorphic: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'No enums (erasable syntax only): use a union of string literals.',
        },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces: use ES modules.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'shared/ takes the clock as a parameter: `new Date(now)`.',
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}', 'workers/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: libraryHomes.map((l) => libPattern(l.lib)) }],
    },
  },
  {
    files: ['web/data/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['echarts', 'zustand', 'comlink'].map(libPattern) }],
    },
  },
  {
    files: ['web/ui/charts/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@supabase/*', 'rxdb', 'zustand', 'comlink'].map(libPattern) },
      ],
    },
  },
  {
    files: ['web/**/*.store.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@supabase/*', 'rxdb', 'echarts', 'comlink'].map(libPattern) },
      ],
    },
  },
  {
    // A store in web/data/ is in the home of rxdb and supabase-js too (types of what it holds).
    files: ['web/data/**/*.store.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['echarts', 'comlink'].map(libPattern) }],
    },
  },
  {
    files: ['workers/**/*.ts', 'web/workers-client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@supabase/*', 'rxdb', 'echarts', 'zustand'].map(libPattern) },
      ],
    },
  },
  {
    files: ['supabase/functions/**/*.ts'],
    languageOptions: { globals: { Deno: 'readonly', ...globals.browser } },
  },
  {
    files: [
      'supabase/local/**/*.ts',
      'scripts/**/*.{ts,js,mjs}',
      'tests/**/*.{ts,tsx}',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      '*.config.{ts,js}',
      '.ci/**/*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
