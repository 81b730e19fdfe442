import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAnswer, classifyThrown } from '../../../lib/models/traffic-answer';

const status = (code: number, message: string) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code });

describe('classifying an answer through a Service', () => {
  it('the demo app: version and pod from its headers, else its JSON body', () => {
    const a = classifyAnswer({
      status: 200,
      headers: { 'x-app-version': '2.0.0', 'x-pod-name': 'web-abc-12345' },
      body: '',
      viaApiServer: true,
    });
    assert.deepEqual([a.ok, a.version, a.pod], [true, '2.0.0', 'web-abc-12345']);
    const b = classifyAnswer({
      status: 200,
      headers: {},
      body: '{"version":"1.0.0","pod":"web-x-1","ip":"10.0.0.1"}\n',
      viaApiServer: false,
    });
    assert.deepEqual([b.ok, b.version, b.pod], [true, '1.0.0', 'web-x-1']);
  });

  it('the API server’s own failures: no endpoints, refused, a missing Service', () => {
    const none = classifyAnswer({
      status: 503,
      headers: {},
      body: status(503, 'no endpoints available for service "web"'),
      viaApiServer: true,
    });
    assert.deepEqual([none.ok, none.error, none.status], [false, 'no-endpoints', null]);
    assert.match(none.message!, /no ready endpoint/);
    const refused = classifyAnswer({
      status: 503,
      headers: {},
      body: status(
        503,
        'error trying to reach service: dial tcp 10.244.0.5:8080: connect: connection refused',
      ),
      viaApiServer: true,
    });
    assert.equal(refused.error, 'refused');
    const unreachable = classifyAnswer({
      status: 503,
      headers: {},
      body: status(503, 'error trying to reach service: dial tcp 10.244.1.7:8080: connect: no route to host'),
      viaApiServer: true,
    });
    assert.deepEqual([unreachable.error, /cannot be reached/.test(unreachable.message!)], ['network', true]);
    const missing = classifyAnswer({
      status: 404,
      headers: {},
      body: status(404, 'services "nope" not found'),
      viaApiServer: true,
    });
    assert.deepEqual(
      [missing.error, missing.message],
      ['proxy-error', 'not found: services "nope" not found'],
    );
  });

  it('the app’s own errors: a 404 for a path it does not have, a 503 while starting', () => {
    const nf = classifyAnswer({
      status: 404,
      headers: { 'x-app-version': '1.0.0' },
      body: '{"error":"no route for /nope"}',
      viaApiServer: true,
    });
    assert.deepEqual([nf.ok, nf.error, nf.version], [false, 'client-error', '1.0.0']);
    assert.equal(nf.message, 'the path does not exist in the app (404): no route for /nope');
    const starting = classifyAnswer({
      status: 503,
      headers: { 'x-app-version': '2.0.0', 'x-pod-name': 'p' },
      body: '{"error":"starting","pod":"p"}',
      viaApiServer: true,
    });
    assert.deepEqual([starting.ok, starting.error], [false, 'server-error']);
  });

  it('an app that returns a Status-looking body is still the app when it says who it is', () => {
    const a = classifyAnswer({
      status: 503,
      headers: { 'x-pod-name': 'p' },
      body: status(503, 'no endpoints available'),
      viaApiServer: true,
    });
    assert.equal(a.error, 'server-error');
  });

  it('no answer at all: timeout, refused, anything else', () => {
    assert.equal(
      classifyThrown(Object.assign(new Error('x'), { name: 'TimeoutError' }), 2000).error,
      'timeout',
    );
    assert.equal(
      classifyThrown(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 2000)
        .error,
      'refused',
    );
    assert.equal(classifyThrown(new Error('boom'), 2000).error, 'network');
  });
});
