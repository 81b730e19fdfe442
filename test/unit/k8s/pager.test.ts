// The pager (lib/k8s/pager.ts) over responses recorded from the local cluster's API server: five
// pods listed two at a time (three pages), the 410 Expired the API server gave for the first page's
// continue token after etcd compacted its revision, and the list started over after it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorFromResponse } from '@/lib/k8s/errors';
import { MAX_RESTARTS, listAllPages, type FetchPage, type ListPage } from '@/lib/k8s/pager';
import { toPodRow, type RawPod } from '@/lib/models/pod';
import expired from '../../fixtures/k8s/paging/pods-continue-expired.json' with { type: 'json' };
import page1 from '../../fixtures/k8s/paging/pods-page-1.json' with { type: 'json' };
import page2 from '../../fixtures/k8s/paging/pods-page-2.json' with { type: 'json' };
import page3 from '../../fixtures/k8s/paging/pods-page-3.json' with { type: 'json' };
import relist1 from '../../fixtures/k8s/paging/pods-relist-page-1.json' with { type: 'json' };
import relist2 from '../../fixtures/k8s/paging/pods-relist-page-2.json' with { type: 'json' };
import relist3 from '../../fixtures/k8s/paging/pods-relist-page-3.json' with { type: 'json' };

type Answer = ListPage | 'expired';

/**
 * The API server as recorded: each call gets the next recorded answer, and must ask for the page
 * that answer is for (no continue for a first page, else the token of the page before it).
 */
function recorded(answers: { expect: string | undefined; answer: Answer }[]) {
  const asked: { limit: number; continue?: string }[] = [];
  const fetch: FetchPage = async (query) => {
    asked.push(query);
    const next = answers.shift();
    if (!next) throw new Error('asked for more pages than were recorded');
    assert.equal(query.continue, next.expect, `call ${asked.length} asks for the right page`);
    if (next.answer === 'expired') {
      throw await errorFromResponse(new Response(JSON.stringify(expired), { status: 410 }), 'list pods');
    }
    return next.answer;
  };
  return { fetch, asked };
}

const cont = (p: ListPage) => p.metadata.continue;
const P1 = page1 as ListPage;
const P2 = page2 as ListPage;
const P3 = page3 as ListPage;
const R1 = relist1 as ListPage;
const R2 = relist2 as ListPage;
const R3 = relist3 as ListPage;
const names = (rows: { name: string }[]) => rows.map((r) => r.name);
const toRow = (raw: unknown) => toPodRow(raw as RawPod);
const ALL = [
  'rec-67f4dcc576-f9wsr',
  'rec-67f4dcc576-jzkbr',
  'rec-67f4dcc576-kpd6v',
  'rec-67f4dcc576-t56kk',
  'rec-67f4dcc576-vpckv',
];

describe('listAllPages', () => {
  it("reads every page with the token of the one before, and watches from the list's resourceVersion", async () => {
    const api = recorded([
      { expect: undefined, answer: P1 },
      { expect: cont(P1), answer: P2 },
      { expect: cont(P2), answer: P3 },
    ]);
    const listed = await listAllPages(api.fetch, toRow, 2);
    assert.deepEqual(names(listed.items), ALL);
    assert.equal(listed.resourceVersion, '2626');
    assert.equal(listed.pages, 3);
    assert.equal(listed.restarts, 0);
    assert.deepEqual(
      api.asked.map((q) => q.limit),
      [2, 2, 2],
      'every response is one page',
    );
  });

  it('starts over from the first page when a continue token expired (410), and keeps nothing of the old pages', async () => {
    const api = recorded([
      { expect: undefined, answer: P1 },
      { expect: cont(P1), answer: 'expired' },
      { expect: undefined, answer: R1 },
      { expect: cont(R1), answer: R2 },
      { expect: cont(R2), answer: R3 },
    ]);
    const listed = await listAllPages(api.fetch, toRow, 2);
    assert.deepEqual(names(listed.items), ALL, "each pod once: the first attempt's page is dropped");
    assert.equal(listed.resourceVersion, '3043', "the new list's resourceVersion, not the expired one's");
    assert.equal(listed.restarts, 1);
    assert.equal(listed.pages, 4);
  });

  it(`gives up after ${MAX_RESTARTS} restarts with the API server's own error`, async () => {
    const answers: { expect: string | undefined; answer: Answer }[] = [];
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      answers.push({ expect: undefined, answer: P1 }, { expect: cont(P1), answer: 'expired' });
    }
    const api = recorded(answers);
    await assert.rejects(
      listAllPages(api.fetch, toRow, 2),
      (err: Error & { status?: number; reason?: string }) => {
        assert.equal(err.status, 410);
        assert.equal(err.reason, 'Expired');
        assert.match(err.message, /continue parameter is too old/);
        return true;
      },
    );
    assert.equal(api.asked.length, 2 * (MAX_RESTARTS + 1));
  });

  it('passes on any other error at once', async () => {
    let calls = 0;
    const forbidden: FetchPage = async () => {
      calls++;
      throw await errorFromResponse(
        new Response(
          JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'pods is forbidden' }),
          {
            status: 403,
          },
        ),
        'list pods',
      );
    };
    await assert.rejects(listAllPages(forbidden, toRow, 2), /pods is forbidden/);
    assert.equal(calls, 1);
  });
});
