import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBytes,
  formatCpu,
  parseBytes,
  parseCpuMilli,
  parseQuantity,
} from '../../../lib/models/quantity';

describe('parseCpuMilli', () => {
  const cases: [string | number, number][] = [
    ['250m', 250],
    ['1', 1000],
    ['0.5', 500],
    ['.5', 500],
    ['1500u', 1.5],
    ['100000n', 0.1],
    ['2k', 2_000_000],
    ['1e3', 1_000_000],
    ['1E-3', 1],
    ['1.1', 1100],
    ['0.1', 100],
    ['+4', 4000],
    [2, 2000],
    [0.25, 250],
  ];
  for (const [input, milli] of cases) {
    it(`${JSON.stringify(input)} is ${milli}m`, () => assert.equal(parseCpuMilli(input), milli));
  }

  it('returns null for invalid, negative or missing values', () => {
    for (const bad of [
      '',
      ' 250m',
      '250 m',
      'm',
      '1.2.3',
      '12mm',
      'abc',
      '1e',
      '-1',
      '1x',
      Number.NaN,
      null,
      undefined,
    ]) {
      assert.equal(parseCpuMilli(bad), null, JSON.stringify(bad));
    }
  });
});

describe('parseBytes', () => {
  const cases: [string | number, number][] = [
    ['64Mi', 67_108_864],
    ['1Gi', 1_073_741_824],
    ['1.5Gi', 1_610_612_736],
    ['512Ki', 524_288],
    ['1G', 1_000_000_000],
    ['128M', 128_000_000],
    ['1e6', 1_000_000],
    ['128974848', 128_974_848],
    ['2Ti', 2 * 2 ** 40],
    // Quantity.Value() rounds fractions of a byte up
    ['0.1Ki', 103],
    ['1500m', 2],
    [1024, 1024],
  ];
  for (const [input, bytes] of cases) {
    it(`${JSON.stringify(input)} is ${bytes} bytes`, () => assert.equal(parseBytes(input), bytes));
  }

  it('returns null for invalid or negative values', () => {
    for (const bad of ['64MB', '64mi', 'Mi', '-1Gi', '1.5.Gi', '']) assert.equal(parseBytes(bad), null, bad);
  });

  it('treats E as exa and e<n> as an exponent', () => {
    assert.equal(parseQuantity('1E'), 1e18);
    assert.equal(parseQuantity('1e18'), 1e18);
    assert.equal(parseQuantity('3e-2'), 0.03);
  });
});

describe('formatCpu', () => {
  it('shows millicores below one core and cores above', () => {
    assert.equal(formatCpu(250), '250m');
    assert.equal(formatCpu(0), '0m');
    assert.equal(formatCpu(1.5), '1.5m');
    assert.equal(formatCpu(999.6), '1 core');
    assert.equal(formatCpu(1000), '1 core');
    assert.equal(formatCpu(1500), '1.5 cores');
    assert.equal(formatCpu(2345), '2.35 cores');
    assert.equal(formatCpu(null), '—');
  });

  it('round-trips what it parses', () => assert.equal(formatCpu(parseCpuMilli('250m')), '250m'));
});

describe('formatBytes', () => {
  it('uses the binary suffixes of Kubernetes manifests', () => {
    assert.equal(formatBytes(67_108_864), '64Mi');
    assert.equal(formatBytes(128_974_848), '123Mi');
    assert.equal(formatBytes(1_610_612_736), '1.5Gi');
    assert.equal(formatBytes(524_288), '512Ki');
    assert.equal(formatBytes(1_500), '1.5Ki');
    assert.equal(formatBytes(512), '512B');
    assert.equal(formatBytes(3 * 2 ** 40), '3Ti');
    assert.equal(formatBytes(undefined), '—');
  });
});
