import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConfig } from '../../demo/src/config.ts';

test('defaults: port 8080, version 1.0.0, no delays, 10 s inemuri, 10 s shutdown bound', () => {
  const config = readConfig({ POD_NAME: 'echo-abc' });
  assert.equal(config.port, 8080);
  assert.equal(config.version, '1.0.0');
  assert.equal(config.podName, 'echo-abc');
  assert.equal(config.podIp, null);
  assert.equal(config.echoDelayMs, 0);
  assert.equal(config.startupDelayMs, 0);
  assert.equal(config.inemuriMs, 10_000);
  assert.equal(config.shutdownDrainMs, 0);
  assert.equal(config.shutdownTimeoutMs, 10_000);
});

test('every knob comes from its env var', () => {
  const config = readConfig({
    PORT: '9000',
    APP_VERSION: '2.0.0',
    POD_IP: '10.0.0.7',
    ECHO_DELAY_MS: '100',
    STARTUP_DELAY_MS: '5000',
    INEMURI_SECONDS: '3',
    SHUTDOWN_DRAIN_MS: '2000',
    SHUTDOWN_TIMEOUT_MS: '20000',
  });
  assert.deepEqual(
    [config.port, config.version, config.podIp, config.echoDelayMs, config.startupDelayMs],
    [9000, '2.0.0', '10.0.0.7', 100, 5000],
  );
  assert.deepEqual([config.inemuriMs, config.shutdownDrainMs, config.shutdownTimeoutMs], [3000, 2000, 20000]);
});

test('a malformed number is an error that names the variable, not a silent default', () => {
  assert.throws(() => readConfig({ PORT: 'http' }), /PORT must be an integer/);
  assert.throws(() => readConfig({ ECHO_DELAY_MS: '-1' }), /ECHO_DELAY_MS/);
  assert.throws(() => readConfig({ INEMURI_SECONDS: '0' }), /INEMURI_SECONDS/);
  assert.throws(() => readConfig({ SHUTDOWN_TIMEOUT_MS: '1.5' }), /SHUTDOWN_TIMEOUT_MS/);
  // these go into X-App-Version / X-Pod-Name: a bad one must stop the start, not every response
  assert.throws(() => readConfig({ APP_VERSION: 'v2\nX-Evil: 1' }), /APP_VERSION/);
  assert.throws(() => readConfig({ POD_NAME: 'pöd' }), /POD_NAME/);
});
