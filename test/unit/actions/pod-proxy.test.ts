import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPodProxyPath } from '../../../lib/k8s/pods';

describe('buildPodProxyPath', () => {
  it('builds the pods/proxy path for a declared endpoint', () => {
    assert.equal(
      buildPodProxyPath('demo', 'web-5d9c7-abcde', 8080, '/inemuri'),
      '/api/v1/namespaces/demo/pods/web-5d9c7-abcde:8080/proxy/inemuri',
    );
    assert.equal(
      buildPodProxyPath('demo', 'web-1', 1, '/a/b-c_d.e~f/'),
      '/api/v1/namespaces/demo/pods/web-1:1/proxy/a/b-c_d.e~f/',
    );
    assert.equal(
      buildPodProxyPath('demo', 'web-1', 65535, '/'),
      '/api/v1/namespaces/demo/pods/web-1:65535/proxy/',
    );
  });
  it('refuses traversal and encoded tricks in the path', () => {
    for (const path of [
      '/..',
      '/../x',
      '/a/../b',
      '/a/..',
      '/%2e%2e/x',
      '/%2E%2E',
      '/a%2fb',
      '//evil',
      '/a//b',
      '/./x',
      '/a/.',
      'inemuri',
      '',
      '/a?b=1',
      '/a#b',
      '/a b',
      '/a\\b',
      '/ä',
      '/' + 'x'.repeat(256),
    ]) {
      assert.throws(
        () => buildPodProxyPath('demo', 'web-1', 8080, path),
        /endpoint path/,
        JSON.stringify(path),
      );
    }
  });
  it('refuses bad ports', () => {
    for (const port of [0, -1, 65536, 80.5, Number.NaN]) {
      assert.throws(() => buildPodProxyPath('demo', 'web-1', port, '/x'), /port/, String(port));
    }
  });
  it('refuses bad namespace and pod names (they are part of the path too)', () => {
    assert.throws(() => buildPodProxyPath('../kube-system', 'web-1', 8080, '/x'), /namespace/);
    assert.throws(() => buildPodProxyPath('demo', 'web-1/../../x', 8080, '/x'), /pod/);
    assert.throws(() => buildPodProxyPath('demo', 'Web', 8080, '/x'), /pod/);
    assert.throws(() => buildPodProxyPath('demo', 'web:8081', 8080, '/x'), /pod/);
  });
});
