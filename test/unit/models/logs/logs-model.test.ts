import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cleanText,
  MAX_LINE_BYTES,
  parseTimestamped,
  sinceTimeOf,
  stampOf,
  type LogLine,
} from '../../../../lib/models/logs/line';
import { LineSplitter } from '../../../../lib/models/logs/splitter';
import { parseJsonLine } from '../../../../lib/models/logs/json-line';
import { Ring } from '../../../../lib/models/logs/ring';
import { insertLines, mergeLanes } from '../../../../lib/models/logs/merge';
import { RateCap } from '../../../../lib/models/logs/rate';
import { applyFilter, compileFilter, linesAsText } from '../../../../lib/models/logs/filter';

const enc = new TextEncoder();
const line = (lane: string, key: string, seq: number, text = `${lane} ${seq}`): LogLine => ({
  lane,
  pod: lane.split('/')[0]!,
  container: lane.split('/')[1]!,
  epoch: 'e',
  seq,
  key,
  ms: 0,
  text,
});

describe('parseTimestamped', () => {
  it('splits the kubelet timestamp from the text, to the nanosecond', () => {
    const a = parseTimestamped('2026-12-04T00:00:01.000000002Z hello world', 0);
    const b = parseTimestamped('2026-12-04T00:00:01.1Z later', 0);
    assert.equal(a.text, 'hello world');
    assert.equal(a.stamp.ms, Date.parse('2026-12-04T00:00:01Z'));
    assert.ok(a.stamp.key < b.stamp.key, 'fractions of different lengths compare in time order');
    assert.equal(b.stamp.ms, Date.parse('2026-12-04T00:00:01.100Z'));
    const offset = parseTimestamped('2026-12-04T01:00:01.5+01:00 x', 0);
    assert.equal(offset.stamp.ms, Date.parse('2026-12-04T00:00:01.500Z'));
    assert.equal(sinceTimeOf(a.stamp.key), '2026-12-04T00:00:01Z');
  });
  it('keeps a line without a timestamp whole, at the fallback time', () => {
    const r = parseTimestamped('<script>alert(1)</script>', 5000);
    assert.equal(r.text, '<script>alert(1)</script>');
    assert.deepEqual(r.stamp, stampOf(5000));
  });
});

describe('cleanText (hostile input)', () => {
  it('strips ANSI colours, cursor moves and OSC titles/hyperlinks', () => {
    assert.equal(cleanText('\u001b[31mred\u001b[0m \u001b[2J\u001b[1;1Hok'), 'red ok');
    assert.equal(
      cleanText('\u001b]0;title\u0007a\u001b]8;;http://evil/\u001b\\link\u001b]8;;\u001b\\'),
      'alink',
    );
    assert.equal(cleanText('\u009b31mx'), 'x');
  });
  it('makes NUL and other control characters visible, keeps tabs, drops a trailing CR', () => {
    assert.equal(cleanText('a\u0000b\u0007c\td\r'), 'a\ufffdb\ufffdc\td');
  });
  it('leaves markup as the text it is (the view renders text, never HTML)', () => {
    const s = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    assert.equal(cleanText(s), s);
  });
});

describe('LineSplitter', () => {
  it('joins lines across chunks and splits several per chunk', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push(enc.encode('ab')), []);
    assert.deepEqual(
      s.push(enc.encode('c\nd\ne')).map((l) => l.text),
      ['abc', 'd'],
    );
    assert.equal(s.end()?.text, 'e');
    assert.equal(s.end(), null);
  });
  it('cuts a 1 MiB line at 16 KiB and counts the rest, holding no more than the cap', () => {
    const s = new LineSplitter();
    const mib = new Uint8Array(1024 * 1024).fill(0x41);
    const out = [
      ...s.push(mib.subarray(0, 300_000)),
      ...s.push(mib.subarray(300_000)),
      ...s.push(enc.encode('\nnext\n')),
    ];
    assert.equal(out.length, 2);
    assert.equal(out[0]!.text.length, MAX_LINE_BYTES);
    assert.equal(out[0]!.cut, 1024 * 1024 - MAX_LINE_BYTES);
    assert.deepEqual(out[1], { text: 'next', cut: 0 });
  });
  it('never cuts inside a UTF-8 character', () => {
    const s = new LineSplitter(10);
    const [l] = s.push(enc.encode('aaaaaaaaa€€\n')); // 9 + 3 + 3 bytes: € would straddle byte 10
    assert.equal(l!.text, 'aaaaaaaaa');
    assert.equal(l!.cut, 6);
  });
  it('turns invalid UTF-8 into replacement characters, and keeps NUL bytes as text', () => {
    const s = new LineSplitter();
    const [l] = s.push(new Uint8Array([0x61, 0xff, 0xfe, 0x62, 0xc3, 0x28, 0x00, 0x63, 0x0a]));
    assert.equal(l!.text, 'a\ufffd\ufffdb\ufffd(\u0000c');
    assert.equal(cleanText(l!.text), 'a\ufffd\ufffdb\ufffd(\ufffdc');
  });
  it('splits 10,000 lines a second worth of bytes quickly', () => {
    const s = new LineSplitter();
    const chunk = enc.encode(
      '2026-12-04T00:00:01.000000000Z {"time":"x","event":"request","path":"/"}\n'.repeat(10_000),
    );
    const t0 = performance.now();
    const out = s.push(chunk);
    const ms = performance.now() - t0;
    assert.equal(out.length, 10_000);
    assert.ok(ms < 500, `10,000 lines took ${ms} ms`);
  });
});

describe('parseJsonLine', () => {
  it('reads time, level, event, message and the other fields of a JSON object line', () => {
    const j = parseJsonLine(
      '{"time":"2026-12-04T00:00:00Z","event":"request","path":"/echo","code":200,"ok":true}',
    );
    assert.deepEqual(j, {
      time: '2026-12-04T00:00:00Z',
      level: null,
      event: 'request',
      message: null,
      fields: [
        ['path', '/echo'],
        ['code', '200'],
        ['ok', 'true'],
      ],
    });
    assert.equal(parseJsonLine('{"level":"warn","msg":"x","nested":{"a":1}}')?.fields[0]?.[1], '{"a":1}');
  });
  it('leaves plain text, arrays, broken JSON and markup alone', () => {
    for (const t of ['hello', '[1,2]', '{"a":', '<script>{}</script>', '{}x', 'null'])
      assert.equal(parseJsonLine(t), null, t);
  });
  it('keeps hostile values as strings', () => {
    const j = parseJsonLine('{"event":"<img src=x onerror=alert(1)>","x":"<script>"}');
    assert.equal(j?.event, '<img src=x onerror=alert(1)>');
    assert.deepEqual(j?.fields, [['x', '<script>']]);
  });
});

describe('Ring', () => {
  it('keeps the last N lines', () => {
    const r = new Ring<string>((s) => s.length, 3, 1000);
    for (const s of ['a', 'b', 'c', 'd', 'e']) r.push(s);
    assert.deepEqual(r.toArray(), ['c', 'd', 'e']);
    assert.equal(r.byteSize, 3);
  });
  it('keeps at most maxBytes (always the newest line)', () => {
    const r = new Ring<string>((s) => s.length, 1000, 10);
    for (const s of ['aaaa', 'bbbb', 'cccc']) r.push(s);
    assert.deepEqual(r.toArray(), ['bbbb', 'cccc']);
    r.push('x'.repeat(50));
    assert.deepEqual(r.toArray(), ['x'.repeat(50)]);
  });
  it('holds 1,000 lines of 10,000 pushed', () => {
    const r = new Ring<number>(() => 1);
    for (let i = 0; i < 10_000; i++) r.push(i);
    assert.equal(r.length, 1000);
    assert.equal(r.toArray()[0], 9000);
  });
});

describe('merging lanes', () => {
  it('merges lanes in time order, ties by lane and sequence', () => {
    const a = [line('p1/app', '1', 1), line('p1/app', '3', 2)];
    const b = [line('p2/app', '2', 1), line('p2/app', '3', 2)];
    assert.deepEqual(
      mergeLanes([a, b]).map((l) => l.text),
      ['p1/app 1', 'p2/app 1', 'p1/app 2', 'p2/app 2'],
    );
  });
  it('inserts a late batch in place and drops the oldest past the cap', () => {
    const list = [line('a/c', '1', 1), line('a/c', '4', 2)];
    const r = insertLines(list, [line('b/c', '5', 1), line('b/c', '2', 2)], 3);
    assert.deepEqual(
      r.lines.map((l) => l.key),
      ['2', '4', '5'],
    );
    assert.equal(r.dropped, 1);
  });
});

describe('RateCap', () => {
  it('lets a burst through, then the rate, and counts what it drops', () => {
    const cap = new RateCap(100, 10, 0);
    let passed = 0;
    for (let i = 0; i < 10_000; i++) if (cap.take(i / 10)) passed++; // 10,000 lines in one second
    assert.ok(passed >= 105 && passed <= 112, `passed ${passed}`);
    assert.equal(cap.report(), 10_000 - passed);
    assert.equal(cap.report(), 0);
  });
});

describe('filter', () => {
  const lines = [
    line('a/c', '1', 1, 'GET /Echo'),
    line('a/c', '2', 2, 'error: boom'),
    { ...line('a/c', '3', 3, 'x'), marker: 'deleted' as const },
  ];
  it('matches text case-insensitively unless asked, and says how many it hides', () => {
    const m = compileFilter({ text: 'echo', regex: false, caseSensitive: false });
    assert.deepEqual(applyFilter(lines, m).hidden, 1);
    const cs = compileFilter({ text: 'echo', regex: false, caseSensitive: true });
    assert.equal(applyFilter(lines, cs).hidden, 2);
  });
  it('takes a regex, and answers an invalid one with an error', () => {
    const m = compileFilter({ text: '^(get|error)', regex: true, caseSensitive: false });
    assert.equal(applyFilter(lines, m).shown.length, 3);
    const bad = compileFilter({ text: '(', regex: true, caseSensitive: false });
    assert.equal(bad.ok, false);
  });
  it('writes shown lines as text', () => {
    assert.match(
      linesAsText([line('a/c', '1', 1, '<b>hi</b>')]),
      /^1970-01-01T00:00:00.000Z a\/c <b>hi<\/b>\n$/,
    );
  });
});
