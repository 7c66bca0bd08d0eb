// ESLint for keguan (flat config). `npm run lint`; runs in .ci/run after the type check.
// typescript-eslint's recommended rules without type information: on the 2-core CI machine the
// type-aware set (recommendedTypeChecked) took 2 min 20 s against under a minute for this one, and
// most of what it adds (about 2,800 no-unsafe-* reports) comes from the loosely typed JSON in tests.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'data/', 'test-results/', 'assets/', 'node_modules/']),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a callback's
      // first argument); the rest is an error.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Control characters in a regular expression are the point where they appear: input hygiene
      // strips them from text (shared/common.ts, file names, the print view, their tests).
      'no-control-regex': 'off',
      // Chinese text indents with the ideographic space (U+3000) in strings, templates and JSX text.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true }],
    },
  },

  // `any` where a value is loosely typed on purpose: Kysely<any> for a handle of either dialect and
  // for migrations (frozen in time, they never import the app's DB types), JSON bodies in tests and
  // the reliability scripts.
  {
    files: ['src/server/db/**', 'src/**/*.test.ts', 'src/server/test/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // The web app runs in the browser; its hooks follow React's rules.
  {
    ...reactHooks.configs.flat.recommended,
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Off: two React Compiler rules that react-hooks 7 added to `recommended`. The app is not built
      // with the compiler, and what they flag works as written: 33 places before the list kit, 21 after
      // it (the summary editor and template editor keeping the last value in a ref, state reset from
      // the URL or a prop in an effect in app-layout, filter-bar and the work-list items page).
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
    },
  },

  // No import cycles anywhere in src (a cycle makes module order decide what is initialised).
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // What import-x needs to follow imports between .ts/.tsx files: their parser, and a resolver
      // that maps the server's `./x.js` specifiers to x.ts (the web omits extensions).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
    },
  },

  // SQL lives in repositories (STYLE.md §2): kysely's values (sql, the query builder, CompiledQuery)
  // are imported only by repo.ts files, the db/ folder and tests. Type-only imports are allowed
  // everywhere: services, demo loaders and the CLI receive a `Kysely<DB>` handle (or a transaction)
  // and pass it down to repositories unchanged.
  {
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: [
      'src/**/repo.ts',
      'src/**/*-repo.ts',
      'src/server/db/**',
      'src/**/*.test.ts',
      'src/server/test/**',
      // The projects' facts for the report are queries (a window function through `sql`): a
      // repository in all but name, allowed here rather than moved now.
      'src/server/projects/facts.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              message: 'SQL belongs in a repo.ts (or src/server/db/); import only types from kysely here.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
]);
