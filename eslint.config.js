// Lint, including the layering of ENGINEERING.md as import rules:
// data flows renderer → preload contract → main api → services → db/host/native.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

const ELECTRON = {
  paths: [
    { name: 'electron', message: "Only main/app/ (and the preload script) may import 'electron'." },
    {
      name: 'electron-store',
      message: 'electron-store needs Electron: use it from main/app/ only.',
    },
  ],
  patterns: [],
};
const NO_NODE = {
  paths: NODE_BUILTINS.map((name) => ({
    name,
    message: 'The renderer runs in a browser: no Node modules.',
  })),
  patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' }],
};
const NO_IO = {
  paths: ['better-sqlite3', 'ws', 'conf', 'escpos', ...NODE_BUILTINS].map((name) => ({
    name,
    message: 'main/domain/ holds pure rules: no I/O.',
  })),
  patterns: [
    { group: ['node:*'], message: 'main/domain/ holds pure rules: no I/O.' },
    {
      group: [
        '**/db',
        '**/db/**',
        '**/services/**',
        '**/api/**',
        '**/core/**',
        '**/settings/store*',
        '**/settings/conf-engine*',
      ],
      message: 'main/domain/ depends on nothing but other rules.',
    },
  ],
};
const NO_SQL = {
  paths: [{ name: 'better-sqlite3', message: 'All SQL lives in main/db/.' }],
  patterns: [],
};

/** One no-restricted-imports rule per folder (flat config replaces, never merges, a rule). */
function layer(files, ...parts) {
  const paths = parts.flatMap((p) => p.paths ?? []);
  const patterns = parts.flatMap((p) => p.patterns ?? []);
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.node22/**',
      'coverage/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tests/renderer/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: 'error',
    },
  },
  { files: ['**/*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['preload/web.ts'], languageOptions: { globals: globals.browser } },

  // --- layering ---------------------------------------------------------
  layer(['main/**/*.ts'], ELECTRON, {
    patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }],
  }),
  layer(['main/app/**/*.ts'], {
    patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }],
  }),
  layer(['main/domain/**/*.ts'], ELECTRON, NO_IO),
  layer(['main/services/**/*.ts'], ELECTRON, NO_SQL, {
    patterns: [
      {
        group: ['**/api/**', '**/web/**', '**/app/**', '**/renderer/**'],
        message: 'Services are called by main/api/, never the other way.',
      },
    ],
  }),
  layer(['main/api/**/*.ts'], ELECTRON, NO_SQL, {
    patterns: [
      {
        group: ['**/db', '**/db/**', '**/renderer/**'],
        message: 'main/api/ calls services, not the database.',
      },
    ],
  }),
  layer(['preload/**/*.ts'], ELECTRON, {
    patterns: [
      {
        group: ['**/main/**', '**/native/**', '**/renderer/**'],
        message:
          'The preload holds the contract only: it imports nothing of main/, native/ or the renderer.',
      },
    ],
  }),
  layer(['preload/contract/**/*.ts'], ELECTRON, NO_NODE, {
    patterns: [
      {
        group: ['**/main/**', '**/native/**', '**/renderer/**', '../index', '../web', '../api'],
        message: 'The contract is shared by every process: schemas and types only.',
      },
    ],
  }),
  layer(['preload/index.ts'], {
    patterns: [
      {
        group: ['**/main/**', '**/native/**', '**/renderer/**'],
        message: 'The preload holds the contract only.',
      },
    ],
  }),
  layer(['native/**/*.ts'], ELECTRON, {
    patterns: [
      {
        group: ['**/main/**', '**/renderer/**', '**/preload/**'],
        message: 'native/ drivers stand alone: they know nothing of the app.',
      },
    ],
  }),
  layer(['renderer/**/*.{ts,tsx}'], ELECTRON, NO_NODE, {
    paths: ['better-sqlite3', 'ws', 'conf', 'escpos', 'iconv-lite'].map((name) => ({
      name,
      message: 'The renderer knows only the contract.',
    })),
    patterns: [
      {
        group: ['**/main/**', '**/native/**'],
        message: 'The renderer knows only the contract (preload/contract).',
      },
      {
        group: ['**/preload/index*', '**/preload/web*', '**/preload/api*'],
        message: 'The renderer gets window.pos; it imports only preload/contract.',
      },
    ],
  }),
);
