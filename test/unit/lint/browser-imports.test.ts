// The lint rule that keeps the browser's folders off the server's modules (eslint.config.mjs,
// docs/architecture.md): a browser file importing lib/k8s/ or lib/routes/ fails `npm run lint`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);
}

describe('browser folders may not import the server', () => {
  const refused: [string, string][] = [
    ['components/pods/fixture.tsx', "import { x } from '@/lib/k8s/pods';"],
    ['components/pods/fixture.tsx', "import type { x } from '../../lib/k8s/access';"],
    ['lib/hooks/fixture.ts', "import type { x } from '../k8s/access';"],
    ['lib/api/fixture.ts', "import { x } from '../routes/responses';"],
    ['lib/api/fixture.ts', "import { x } from '@kubernetes/client-node';"],
    ['lib/live/fixture.ts', "import { x } from '../k8s/watch-hub';"],
  ];
  for (const [file, code] of refused) {
    it(`${file}: ${code}`, async () => {
      const messages = await restricted(file, code);
      assert.equal(messages.length, 1, `expected the import to be refused, got ${JSON.stringify(messages)}`);
    });
  }

  it('the shared contract in lib/models/ is allowed, and the server may import lib/k8s/', async () => {
    assert.deepEqual(
      await restricted('components/pods/fixture.tsx', "import { x } from '@/lib/models/contract';"),
      [],
    );
    assert.deepEqual(await restricted('lib/routes/fixture.ts', "import { x } from '../k8s/errors';"), []);
  });
});
