// The lessons agree with the stories they teach: index.json, the rendered manifests, the buttons.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { LESSON_MANIFESTS } from '../../../lib/lessons/manifests/bundle';
import {
  kubectlLine,
  LESSONS,
  lessonById,
  lessonNamespace,
  lessonOfNamespace,
  nextVersion,
} from '../../../lib/lessons/stories';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const index = JSON.parse(readFileSync(join(ROOT, 'demo/manifests/stories/index.json'), 'utf8')) as {
  id: string;
  title: string;
}[];

/** kind/name of every object a story's rendered manifests create. */
function objects(id: string): { kind: string; name: string; spec?: Record<string, unknown> }[] {
  return parseAllDocuments(LESSON_MANIFESTS[id] ?? '').map((d) => {
    const o = d.toJS() as { kind: string; metadata: { name: string }; spec?: Record<string, unknown> };
    return { kind: o.kind, name: o.metadata.name, spec: o.spec };
  });
}

describe('lessons', () => {
  it('one lesson per story of demo/manifests/stories/index.json, in its order, with its title', () => {
    assert.deepEqual(
      LESSONS.map((l) => l.id),
      index.map((s) => s.id),
    );
    assert.deepEqual(
      LESSONS.map((l) => l.title),
      index.map((s) => s.title),
    );
  });

  for (const lesson of LESSONS) {
    describe(lesson.id, () => {
      const deployments = objects(lesson.id)
        .filter((o) => o.kind === 'Deployment')
        .map((o) => o.name);

      it('names only Deployments its manifests create, and every step deployment is one of them', () => {
        assert.deepEqual([...lesson.deployments].sort(), [...deployments].sort());
        for (const step of lesson.steps) {
          for (const d of [step.action?.deployment, step.simulate?.deployment].filter(Boolean)) {
            assert.ok(lesson.deployments.includes(d!), `${step.id}: ${d}`);
          }
        }
      });

      it('has unique step ids, timedFrom pointing back, and Simulate wherever a live app is needed', () => {
        const ids = lesson.steps.map((s) => s.id);
        assert.equal(new Set(ids).size, ids.length);
        lesson.steps.forEach((s, i) => {
          if (s.timedFrom)
            assert.ok(ids.slice(0, i).includes(s.timedFrom), `${s.id} timedFrom ${s.timedFrom}`);
          if (s.needsLiveApp) assert.ok(s.simulate, `${s.id} needs a live app but offers no Simulate`);
          if (s.action?.kind === 'endpoint') assert.ok(s.needsLiveApp, `${s.id} calls the app`);
          assert.ok(s.look.length > 10 && s.why.length > 20 && s.expect.text.length > 5, s.id);
          // something to do, or it follows from the step before
          assert.ok(s.action || s.simulate || s.kubectl?.length || i > 0, s.id);
        });
      });

      it('scales and rolls out only what the story can (a version env, replicas within 10)', () => {
        for (const s of lesson.steps) {
          if (s.action?.kind === 'scale') assert.ok(s.action.replicas >= 0 && s.action.replicas <= 10);
          if (s.action?.kind === 'rollout')
            assert.match(LESSON_MANIFESTS[lesson.id] ?? '', /podium\.dev\/version-env: APP_VERSION/);
        }
      });

      it('a canary lesson’s Service selects both Deployments', () => {
        if (!lesson.service) return;
        const svc = objects(lesson.id).find((o) => o.kind === 'Service' && o.name === lesson.service);
        assert.ok(svc, `no Service ${lesson.service}`);
      });
    });
  }

  it('lesson namespaces come from the prefix and index.json’s suffix, and back', () => {
    const canary = lessonById('canary')!;
    assert.equal(lessonNamespace('lesson-', canary), 'lesson-canary');
    assert.equal(lessonOfNamespace('class-', 'class-canary')?.id, 'canary');
    assert.equal(lessonOfNamespace('lesson-', 'default'), undefined);
  });

  it('kubectl lines get the namespace', () => {
    assert.equal(
      kubectlLine('kubectl -n {ns} scale deployment echo --replicas=10', 'lesson-x'),
      'kubectl -n lesson-x scale deployment echo --replicas=10',
    );
  });

  it('nextVersion always changes the value (a roll-out needs a new template)', () => {
    assert.equal(nextVersion('1.0.0'), '2.0.0');
    assert.equal(nextVersion('2.3.4'), '3.0.0');
    assert.equal(nextVersion('canary'), 'canary-next');
    assert.equal(nextVersion(null), '2.0.0');
    assert.match(nextVersion('x'.repeat(300)), /^x{100}-next$/);
  });
});
