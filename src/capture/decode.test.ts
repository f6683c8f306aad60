import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeContent,
  decodeResponse,
  decodeText,
  decodeWindows1252,
  detectCharset,
  metaCharset,
} from './decode.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<string | number[] | Uint8Array>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : [...p])));
const korean = '조선중앙통신 평양 3월 24일';
// 조선 in EUC-KR (KS X 1001): C1 B6 BC B1.
const eucKr = bytes('<p>', [0xc1, 0xb6, 0xbc, 0xb1], ' ', [0xc1, 0xb6, 0xbc, 0xb1], '</p>');
// "café" in windows-1252.
const latin = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]);
// It’s “quoted” in windows-1252: the bytes where it differs from ISO-8859-1.
const quotes = bytes('<p>It', [0x92], 's ', [0x93], 'quoted', [0x94], '</p>');
const C1 = /[\u0080-\u009f]/;

describe('detectCharset', () => {
  const table: Array<[string, Uint8Array, string | null, string, string]> = [
    [
      'UTF-8 BOM wins over everything',
      bytes([0xef, 0xbb, 0xbf], latin),
      'text/html; charset=euc-kr',
      'utf-8',
      'bom',
    ],
    ['UTF-16LE BOM', Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), null, 'utf-16le', 'bom'],
    [
      'valid UTF-8 Korean beats a wrong iso-8859-1 header',
      utf8(korean),
      'text/html; charset=iso-8859-1',
      'utf-8',
      'valid-utf8',
    ],
    ['undeclared UTF-8', utf8('<p>café</p>'), null, 'utf-8', 'valid-utf8'],
    [
      'valid UTF-8 that the header calls UTF-8',
      utf8(korean),
      'text/html; charset=utf-8',
      'utf-8',
      'header',
    ],
    [
      'valid UTF-8 that <meta> calls UTF-8',
      utf8(`<meta charset="utf-8">${korean}`),
      null,
      'utf-8',
      'meta',
    ],
    [
      'valid UTF-8 beats a wrong header, whatever <meta> says',
      utf8(`<meta charset="utf-8">${korean}`),
      'text/html; charset=iso-8859-1',
      'utf-8',
      'valid-utf8',
    ],
    [
      'valid UTF-8 beats a wrong <meta>',
      utf8(`<meta charset="euc-kr">${korean}`),
      'text/html',
      'utf-8',
      'valid-utf8',
    ],
    ['header charset for non-UTF-8 bytes', eucKr, 'text/html; charset=EUC-KR', 'euc-kr', 'header'],
    ['quoted header charset', latin, 'text/html; charset="windows-1252"', 'windows-1252', 'header'],
    [
      'ks_c_5601-1987 is an alias of euc-kr',
      eucKr,
      'text/html; charset=ks_c_5601-1987',
      'euc-kr',
      'header',
    ],
    [
      '<meta charset> when the header has none',
      bytes('<meta charset=euc-kr>', eucKr),
      'text/html',
      'euc-kr',
      'meta',
    ],
    [
      '<meta http-equiv> form',
      bytes('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">', latin),
      null,
      'windows-1252',
      'meta',
    ],
    [
      '<meta> in single quotes',
      bytes("<meta http-equiv='content-type' content='text/html; charset=koi8-r'>", [0xc1]),
      null,
      'koi8-r',
      'meta',
    ],
    [
      'a self-closing <meta charset=…/>',
      bytes('<meta charset=euc-kr/>', eucKr),
      null,
      'euc-kr',
      'meta',
    ],
    [
      'the header beats <meta>',
      bytes('<meta charset=euc-kr>', latin),
      'text/html; charset=windows-1252',
      'windows-1252',
      'header',
    ],
    [
      'a <meta> saying UTF-16 is not believed',
      bytes('<meta charset=utf-16le>', latin),
      null,
      'windows-1252',
      'fallback',
    ],
    [
      'unknown header label falls through to sniffing',
      eucKr,
      'text/html; charset=x-bogus',
      'euc-kr',
      'sniff',
    ],
    ['undeclared Korean legacy bytes sniff as euc-kr', eucKr, null, 'euc-kr', 'sniff'],
    ['undeclared Western bytes fall back to windows-1252', latin, null, 'windows-1252', 'fallback'],
    [
      'plain ASCII keeps its declaration',
      utf8('<p>hello</p>'),
      'text/html; charset=iso-8859-1',
      'windows-1252',
      'header',
    ],
    ['plain ASCII without declaration is utf-8', utf8('<p>hello</p>'), null, 'utf-8', 'valid-utf8'],
    [
      'ASCII with an unknown <meta> label is utf-8',
      utf8('<meta charset="no-such-charset"><p>x</p>'),
      null,
      'utf-8',
      'valid-utf8',
    ],
    [
      'a multi-byte char cut off at the end is still UTF-8',
      utf8(korean).subarray(0, utf8(korean).length - 1),
      'text/html; charset=iso-8859-1',
      'utf-8',
      'valid-utf8',
    ],
  ];
  it.each(table)('%s', (_name, input, contentType, charset, source) => {
    expect(detectCharset(input, contentType)).toMatchObject({ charset, source });
  });

  it('reports the declaration it overruled, and none when it followed it', () => {
    expect(detectCharset(utf8(korean), 'text/html; charset=iso-8859-1').declared).toBe(
      'iso-8859-1',
    );
    expect(
      detectCharset(bytes([0xef, 0xbb, 0xbf], latin), 'text/html; charset=euc-kr').declared,
    ).toBe('euc-kr');
    expect(detectCharset(eucKr, 'text/html; charset=x-bogus').declared).toBe('x-bogus');
    expect(detectCharset(eucKr, 'text/html; charset=EUC-KR').declared).toBeNull();
    expect(detectCharset(utf8(korean), 'text/html; charset=UTF-8').declared).toBeNull();
  });
});

describe('metaCharset', () => {
  it('looks only in the first 2 KB', () => {
    expect(metaCharset(utf8(`${' '.repeat(2100)}<meta charset="euc-kr">`))).toBeNull();
    expect(metaCharset(utf8(`${' '.repeat(1500)}<meta charset="euc-kr">`))).toBe('euc-kr');
  });

  it('takes charset= only from a charset attribute or an http-equiv Content-Type', () => {
    expect(
      metaCharset(utf8('<meta name="x" content="text/html; charset=koi8-r"><meta charset=utf-8>')),
    ).toBe('utf-8');
    expect(metaCharset(utf8('<metadata charset=koi8-r>'))).toBeNull();
  });

  it('finds nothing in unclosed or attribute-heavy tags', () => {
    expect(metaCharset(utf8('<meta '.repeat(400)))).toBeNull();
    expect(metaCharset(utf8(`<meta ${'a='.repeat(1000)}>`))).toBeNull();
  });
});

describe('decodeText', () => {
  it('decodes EUC-KR, declared in the header or in <meta>', () => {
    expect(decodeText(eucKr, 'text/html; charset=euc-kr').text).toBe('<p>조선 조선</p>');
    expect(decodeText(bytes('<meta charset="EUC-KR">', eucKr)).text).toBe(
      '<meta charset="EUC-KR"><p>조선 조선</p>',
    );
  });

  it('decodes UTF-8 Korean served as iso-8859-1 correctly', () => {
    expect(decodeText(utf8(korean), 'text/html; charset=iso-8859-1').text).toBe(korean);
  });

  it('follows a BOM over a wrong header and drops the BOM', () => {
    for (const header of [null, 'text/html; charset=euc-kr']) {
      expect(decodeText(bytes([0xef, 0xbb, 0xbf], '<p>café</p>'), header)).toMatchObject({
        text: '<p>café</p>',
        source: 'bom',
      });
    }
    expect(
      decodeText(
        Uint8Array.from([0xfe, 0xff, 0, 0x41, 0x20, 0xac]),
        'text/html; charset=iso-8859-1',
      ).text,
    ).toBe('A€');
  });

  it('decodes by <meta> when the bytes are not UTF-8', () => {
    const koi8 = bytes('<meta charset="koi8-r"><p>', [0xc1], '</p>');
    expect(decodeText(koi8)).toMatchObject({
      text: '<meta charset="koi8-r"><p>а</p>',
      charset: 'koi8-r',
      source: 'meta',
    });
  });

  it.each(['iso-8859-1', 'latin1', 'us-ascii', 'windows-1252', 'cp1252', 'l1'])(
    'reads curly quotes as windows-1252 when the header says %s',
    (label) => {
      const decoded = decodeText(quotes, `text/html; charset=${label}`);
      expect(decoded).toMatchObject({
        text: '<p>It’s “quoted”</p>',
        charset: 'windows-1252',
        source: 'header',
      });
      expect(decoded.text).not.toMatch(C1);
    },
  );

  it('reads undeclared curly quotes as windows-1252 too', () => {
    expect(decodeText(quotes, 'text/html')).toMatchObject({
      text: '<p>It’s “quoted”</p>',
      source: 'fallback',
    });
    expect(decodeText(bytes('<p>', [0x93], 'A', [0x94]))).toMatchObject({
      text: '<p>“A”',
      charset: 'windows-1252',
      source: 'fallback',
    });
  });
});

describe('decodeWindows1252', () => {
  it('maps all of 0x80–0x9F as browsers do, the five undefined bytes kept as C1 controls', () => {
    const high = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeWindows1252(high)).toBe(
      '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ',
    );
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x85, 0x92, 0x97, 0x81]))).toBe('€…’—\u0081');
  });

  it('reads every other byte as ISO-8859-1 does', () => {
    expect(decodeWindows1252(Uint8Array.from([0x41, 0x7f, 0xa0, 0xe9, 0xff]))).toBe(
      'A\u007f\u00a0éÿ',
    );
  });
});

describe('decodeContent', () => {
  const page = utf8(Array.from({ length: 400 }, (_, i) => `<p>${i} ${korean}</p>`).join(''));
  const text = (result: { bytes: Uint8Array }) => Buffer.from(result.bytes).toString('utf8');

  it.each([
    ['gzip', gzipSync(page)],
    ['x-gzip', gzipSync(page)],
    ['GZIP ', gzipSync(page)],
    ['deflate', deflateSync(page)],
    ['raw deflate', deflateRawSync(page)],
    ['br', brotliCompressSync(page)],
    ['identity', page],
    ['', page],
  ])('undoes %s', (coding, body) => {
    const result = decodeContent(body, coding === 'raw deflate' ? 'deflate' : coding);
    expect(result.error).toBeNull();
    expect(text(result)).toBe(text({ bytes: page }));
  });

  it('undoes several codings, the last applied first', () => {
    const result = decodeContent(brotliCompressSync(gzipSync(page)), 'gzip, identity, br');
    expect(result).toMatchObject({ error: null });
    expect(text(result)).toBe(text({ bytes: page }));
  });

  it('keeps what a cut-off gzip body delivered', () => {
    const gzipped = gzipSync(page);
    const cut = gzipped.subarray(0, gzipped.length / 2);
    const result = decodeContent(cut, 'gzip');
    expect(result.error).toBeNull();
    expect(result.bytes.length).toBeGreaterThan(0);
    expect(text({ bytes: page }).startsWith(text(result).replace(/\uFFFD$/, ''))).toBe(true);
  });

  it('returns the bytes as received, with the reason, when a coding will not undo', () => {
    const broken = decodeContent(page, 'gzip');
    expect(broken.bytes).toBe(page);
    expect(broken.error).toMatch(/^gzip: incorrect header check/);
    expect(decodeContent(gzipSync(page), 'zstd').error).toBe(
      'zstd: unsupported content coding "zstd"',
    );
    const half = brotliCompressSync(page);
    expect(decodeContent(half, 'gzip, br')).toMatchObject({
      bytes: half,
      error: expect.stringMatching(/^gzip, br: /),
    });
  });

  it('stops a compression bomb at 64 MB', () => {
    const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024));
    expect(decodeContent(bomb, 'gzip')).toMatchObject({
      bytes: bomb,
      error: expect.stringMatching(/^gzip: /),
    });
  });
});

describe('decodeResponse', () => {
  it('undoes gzip, then decodes by the header charset', () => {
    const decoded = decodeResponse(gzipSync(eucKr), {
      contentType: 'text/html; charset=euc-kr',
      contentEncoding: 'gzip',
    });
    expect(decoded).toMatchObject({
      text: '<p>조선 조선</p>',
      charset: 'euc-kr',
      source: 'header',
      codingError: null,
    });
  });

  it('undoes gzip of windows-1252 bytes served as iso-8859-1', () => {
    const decoded = decodeResponse(gzipSync(quotes), {
      contentType: 'text/html; charset=iso-8859-1',
      contentEncoding: 'gzip',
    });
    expect(decoded.text).toBe('<p>It’s “quoted”</p>');
  });

  it('says when the coding was broken and decodes the bytes as received', () => {
    const decoded = decodeResponse(utf8(korean), {
      contentType: 'text/html',
      contentEncoding: 'br',
    });
    expect(decoded).toMatchObject({ text: korean, codingError: expect.stringMatching(/^br: /) });
  });
});
