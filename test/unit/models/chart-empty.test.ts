// An empty chart tells the truth: collecting (since when) until it has two samples of its data,
// and it blames metrics-server only when the server's last sample says the metrics API failed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samplePoint } from '../../../lib/k8s/history';
import { chartEmptiness, chartEmptyText } from '../../../lib/models/chart-empty';
import type { HistoryPoint } from '../../../lib/models/types';

const point = (t: number, extra: Partial<HistoryPoint> = {}): HistoryPoint => ({
  t,
  deployments: {},
  hpas: {},
  pods: {},
  ...extra,
});
const clock = (t: number) => `T${t}`;

describe('chartEmptiness', () => {
  it('draws from two samples of its data on', () => {
    assert.deepEqual(chartEmptiness([point(1), point(2)], 2, true), { state: 'drawn' });
    assert.equal(chartEmptyText({ state: 'drawn' }, clock), undefined);
  });

  it('is collecting, since the first sample, while the metrics API answers', () => {
    const history = [point(3000), point(1000), point(2000)];
    const e = chartEmptiness(history, 1, true);
    assert.deepEqual(e, { state: 'collecting', since: 1000, samples: 1 });
    assert.equal(chartEmptyText(e, clock), 'Collecting since T1000 (1 sample so far, a line needs 2)…');
    assert.equal(chartEmptyText(chartEmptiness([], 0, true), clock), 'Collecting samples (no sample yet)…');
  });

  it('blames the metrics API only when the latest sample recorded its failure', () => {
    const failing = [
      point(1000),
      point(2000, { metricsError: 'the server could not find the requested resource' }),
    ];
    const e = chartEmptiness(failing, 0, true);
    assert.deepEqual(e, { state: 'failed', message: 'the server could not find the requested resource' });
    assert.match(
      chartEmptyText(e, clock) ?? '',
      /^The metrics API failed \(is metrics-server running\?\): the server/,
    );
    // it failed once, then answered: collecting again
    const recovered = [...failing, point(3000)];
    assert.equal(chartEmptiness(recovered, 0, true).state, 'collecting');
    // a replicas chart does not depend on metrics.k8s.io
    assert.equal(chartEmptiness(failing, 0, false).state, 'collecting');
  });
});

describe('samplePoint', () => {
  it('records the metrics API failure with the sample, and nothing when it answered', () => {
    const usage = [{ pod: 'web-1', cpuMilli: 5, memoryBytes: 1, timestamp: '' }];
    assert.equal(samplePoint(1, [], [], usage).metricsError, undefined);
    assert.equal('metricsError' in samplePoint(1, [], [], usage, null), false);
    assert.equal(samplePoint(1, [], [], [], 'forbidden').metricsError, 'forbidden');
  });
});
