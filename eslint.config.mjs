import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// What may import what (docs/architecture.md): the browser's folders reach the server only through
// Podium's HTTP API, and share its types and constants through lib/models/ (lib/models/contract.ts).
export const BROWSER_FOLDERS = ['components/**', 'lib/hooks/**', 'lib/api/**', 'lib/live/**'];
const SERVER_ONLY =
  'is server-only: the browser shares types and constants through lib/models/ (see docs/architecture.md).';

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      '.cluster/**',
      '.cache/**',
      'out/**',
      'test-results/**',
      'node_modules/**',
      'next-env.d.ts',
      'demo/node_modules/**',
      'bench/results/**',
    ],
  },
  {
    files: BROWSER_FOLDERS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@kubernetes/client-node',
              message: 'Kubernetes is touched only on the server, in lib/k8s/.',
            },
            { name: 'server-only', message: 'server-only modules do not belong in a browser folder.' },
          ],
          patterns: [
            {
              group: ['**/lib/k8s', '**/lib/k8s/**', '../k8s', '../k8s/**'],
              message: `lib/k8s/ ${SERVER_ONLY}`,
            },
            {
              group: ['**/lib/routes', '**/lib/routes/**', '../routes', '../routes/**'],
              message: `lib/routes/ ${SERVER_ONLY}`,
            },
          ],
        },
      ],
    },
  },
];
export default config;
