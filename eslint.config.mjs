import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...next,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'next-env.d.ts', 'demo/node_modules/**', 'bench/results/**'] },
  {
    files: ['components/**', 'lib/hooks/**', 'lib/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@kubernetes/client-node', message: 'Kubernetes is touched only on the server, in lib/k8s/.' }] },
      ],
    },
  },
];
export default config;
