import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogLine, LogMarker } from '../../../../lib/models/logs/line';
import { goneContainerId, linesBeforeLastExit } from '../../../../lib/models/logs/previous';

// The body a CI run's kubelet answered to pods/log?previous=true&timestamps=true, 2 s after
// /seppuku, when its container garbage collection had removed the dead container (recorded).
const RECORDED =
  'unable to retrieve container logs for containerd://2af5b06145a4bebd79acf1910de4c802a4397a69625855096359ac137b6faa19';

let seq = 0;
const line = (text: string, marker?: LogMarker): LogLine => ({
  lane: 'web-1/app',
  pod: 'web-1',
  container: 'app',
  epoch: 'f',
  seq: ++seq,
  key: String(seq).padStart(21, '0'),
  ms: seq,
  text,
  ...(marker ? { marker } : {}),
});

describe('goneContainerId', () => {
  it("recognises the kubelet's answer when the previous container is gone", () => {
    assert.equal(goneContainerId(RECORDED), RECORDED.slice('unable to retrieve container logs for '.length));
    assert.equal(goneContainerId(`${RECORDED}\n`), RECORDED.slice(38));
    assert.equal(
      goneContainerId('unable to retrieve container logs for docker://0123456789abcdef'),
      'docker://0123456789abcdef',
    );
  });

  it('leaves a log line alone, even one that quotes the message', () => {
    assert.equal(goneContainerId(`2026-12-05T02:08:50.000000000Z ${RECORDED}`), null);
    assert.equal(goneContainerId(`${RECORDED} and more`), null);
    assert.equal(goneContainerId('unable to retrieve container logs for <img src=x>'), null);
    assert.equal(goneContainerId('unable to retrieve container logs for web-1'), null);
    assert.equal(goneContainerId(''), null);
    assert.equal(goneContainerId(`${RECORDED}${' '.repeat(300)}`), null);
  });
});

describe('linesBeforeLastExit', () => {
  it('gives the lines of the container that ended last, without the exit markers', () => {
    const ring = [
      line('first container'),
      line('container exited (code 137, Error)', 'exited'),
      line('second starts'),
      line('seppuku: exiting with 1'),
      line('container exited (code 1, Error)', 'exited'),
      line('third starts'),
    ];
    assert.deepEqual(
      linesBeforeLastExit(ring)?.map((l) => l.text),
      ['second starts', 'seppuku: exiting with 1'],
    );
  });

  it("keeps the ring's start when it saw only one exit, and other markers", () => {
    const ring = [line('listening'), line('3 lines dropped', 'dropped'), line('bye'), line('exit', 'exited')];
    assert.deepEqual(
      linesBeforeLastExit(ring)?.map((l) => l.text),
      ['listening', '3 lines dropped', 'bye'],
    );
  });

  it('is null without an exit, or once the pod was deleted', () => {
    assert.equal(linesBeforeLastExit([line('running')]), null);
    assert.equal(linesBeforeLastExit([]), null);
    assert.equal(linesBeforeLastExit([line('a'), line('x', 'exited'), line('pod deleted', 'deleted')]), null);
  });
});
