// One flat config for every package: typescript-eslint's recommended rules, strict where it pays.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Walking a parent chain (for (let s = this; s; s = s.parent)) is the clearest loop.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
);
