// `npm run lint`: typescript-eslint with type information (floating promises, promises where
// callbacks are expected, unsafe any), the repository's file-name rule, and nothing stylistic:
// Prettier owns layout (.prettierrc.json), checked by `npm run lint` too.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { kebabCaseFiles } from './scripts/eslint/kebab-case-files.js';

/** Where `any` is the honest type: the unsafe-any rules off. */
const ANY_ALLOWED = Object.fromEntries(
  ['no-explicit-any', 'no-unsafe-argument', 'no-unsafe-assignment', 'no-unsafe-call', 'no-unsafe-member-access', 'no-unsafe-return'].map((rule) => [`@typescript-eslint/${rule}`, 'off']),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      '**/.build/**',
      '.tools/**',
      '.cexgw/**',
      'coverage/**',
      'examples/go/**',
      'libs/wire-contracts/sources/**',
      // A template the protobuf generator fills in, not JavaScript.
      'libs/mexc-proto/scripts/esm-wrapper.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { cexgw: { rules: { 'kebab-case-files': kebabCaseFiles } } },
    rules: {
      'cexgw/kebab-case-files': 'error',
      // A closure may read a variable before its one assignment (a callback wired before the
      // object it calls exists): that is not a constant.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // An async function without an await still turns a throw into a rejection, which the
      // journal and adapter interfaces rely on (SQLite answers synchronously behind them).
      '@typescript-eslint/require-await': 'off',
      // Wire types list the values a venue documents beside `string` on purpose: the reader
      // sees them, and a new value the venue adds still type-checks.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // The simulators echo whatever a client sent, as the venues do, in their refusals:
    // String() of an unknown request field is deliberate there.
    files: ['libs/venue-sim/src/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // The soak drives gRPC clients that proto-loader builds at run time, by method name.
    files: ['soak/src/**/*.ts'],
    rules: ANY_ALLOWED,
  },
  {
    // Tests read wire JSON and gRPC answers as `any` on purpose (to send what no typed client
    // would, and to look at fields by name): the unsafe-any rules are noise there. They also
    // strip terminal colours and look for control characters in frames on purpose.
    files: ['**/test/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-control-regex': 'off', ...ANY_ALLOWED },
  },
  {
    // Plain JavaScript (scripts, benchmarks, examples) is not in the TypeScript program.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
