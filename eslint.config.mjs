// Lint: typescript-eslint's type-aware recommended rules over src/, tests/ and bench/, plus the
// house's architecture rules (the same ones ../shared/tools/house-check.mjs reports), so an
// editor shows a wrong import the moment it is typed. public/ is plain browser JavaScript.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Where botbuilder code may run: the edge. Elsewhere only its types (interfaces) may be imported,
// so a move to the Microsoft 365 Agents SDK touches only these folders.
const botbuilderEdge = ['src/bot/**', 'src/channels/**', 'src/app/**', 'src/cli/**', 'src/storage/botbuilder/**', 'src/adapters/**'];
const compositionRoot = ['src/app/**', 'src/cli/**'];

// Relative imports that climb into src/app/ (the composition root) from below it.
const noAppImports = {
  regex: '^(\\.\\./)+app/',
  message: 'Only src/app and src/cli may import the composition root; move the shared piece down (e.g. to src/core/).',
};
const noBotbuilderValues = {
  regex: '^botbuilder(-[a-z]+)?$',
  allowTypeImports: true,
  message: 'botbuilder code runs only in src/bot, src/channels, src/app, src/cli or the storage adapter folder; import its types with `import type`.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'artifacts/**', 'data/**', 'node_modules/**'] },

  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The house rule: every switch over a union of kinds lists every kind; a `default` doesn't stand in for missing ones.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // `_name` marks a parameter kept for its position (express's (err, req, res, next), callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Off on purpose: the SQLite and in-memory stores implement async interfaces with synchronous
      // code, and `async` is what turns their throws (SQLITE_FULL, a bad row) into rejected
      // promises the callers handle. Dropping it would change behaviour.
      '@typescript-eslint/require-await': 'off',
      // Off: botbuilder types Activity.type and .name as string and gives its ActivityTypes enum
      // (string values) to compare them with; `activity.type === ActivityTypes.Message` is the idiom.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },

  // Tests read JSON bodies from real servers and assert on them with expect(): the assertion is the
  // type check, and typing every response would restate the zod schemas the server already
  // enforces. So `any` flowing through a test is not a finding there (it still is in src/ and bench/).
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // The architecture: nothing below the composition root imports it; botbuilder values stay at the edge.
  {
    files: ['src/**/*.ts'],
    ignores: [...new Set([...botbuilderEdge, ...compositionRoot])],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noAppImports, noBotbuilderValues] }] },
  },
  {
    files: botbuilderEdge,
    ignores: compositionRoot,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noAppImports] }] },
  },

  // Plain browser scripts, no build step.
  {
    files: ['public/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['*.mjs', 'scripts/**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['*.js', 'bin/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
