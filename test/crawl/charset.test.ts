import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset, metaCharset } from '../../src/crawl/fetch/charset.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const korean = '조선중앙통신 평양 3월 24일';
// 조선 in EUC-KR (KS X 1001): C1 B6 BC B1.
const eucKr = Uint8Array.from([0x3c, 0x70, 0x3e, 0xc1, 0xb6, 0xbc, 0xb1, 0x20, 0xc1, 0xb6, 0xbc, 0xb1, 0x3c, 0x2f, 0x70, 0x3e]);
// "café" in windows-1252.
const latin = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]);

describe('detectCharset', () => {
  const table: Array<[string, Uint8Array, string | null, string, string]> = [
    ['UTF-8 BOM wins over everything', Uint8Array.from([0xef, 0xbb, 0xbf, ...latin]), 'text/html; charset=euc-kr', 'utf-8', 'bom'],
    ['UTF-16LE BOM', Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), null, 'utf-16le', 'bom'],
    ['valid UTF-8 Korean beats a wrong iso-8859-1 header', utf8(korean), 'text/html; charset=iso-8859-1', 'utf-8', 'valid-utf8'],
    ['valid UTF-8 beats a wrong <meta>', utf8(`<meta charset="euc-kr">${korean}`), 'text/html', 'utf-8', 'valid-utf8'],
    ['header charset for non-UTF-8 bytes', eucKr, 'text/html; charset=EUC-KR', 'euc-kr', 'header'],
    ['quoted header charset', latin, 'text/html; charset="windows-1252"', 'windows-1252', 'header'],
    ['ks_c_5601-1987 is an alias of euc-kr', eucKr, 'text/html; charset=ks_c_5601-1987', 'euc-kr', 'header'],
    ['<meta charset> when the header has none', Uint8Array.from([...utf8('<meta charset=euc-kr>'), ...eucKr]), 'text/html', 'euc-kr', 'meta'],
    ['<meta http-equiv> form', Uint8Array.from([...utf8('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">'), ...latin]), null, 'windows-1252', 'meta'],
    ['unknown header label falls through to sniffing', eucKr, 'text/html; charset=x-bogus', 'euc-kr', 'sniff'],
    ['undeclared Korean legacy bytes sniff as euc-kr', eucKr, null, 'euc-kr', 'sniff'],
    ['undeclared Western bytes sniff as windows-1252', latin, null, 'windows-1252', 'sniff'],
    ['plain ASCII keeps its declaration', utf8('<p>hello</p>'), 'text/html; charset=iso-8859-1', 'windows-1252', 'header'],
    ['plain ASCII without declaration is utf-8', utf8('<p>hello</p>'), null, 'utf-8', 'default'],
    ['a multi-byte char cut off at the end is still UTF-8', utf8(korean).subarray(0, utf8(korean).length - 1), 'text/html; charset=iso-8859-1', 'utf-8', 'valid-utf8'],
  ];
  it.each(table)('%s', (_name, bytes, contentType, charset, source) => {
    const decision = detectCharset(bytes, contentType);
    expect(decision.charset).toBe(charset);
    expect(decision.source).toBe(source);
  });

  it('reports the overruled declaration', () => {
    expect(detectCharset(utf8(korean), 'text/html; charset=iso-8859-1').declared).toBe('iso-8859-1');
  });

  it('looks for <meta> only in the first 2 KB', () => {
    const late = utf8(`${' '.repeat(2100)}<meta charset="euc-kr">`);
    expect(metaCharset(late)).toBeNull();
  });
});

describe('decodeBody', () => {
  it('decodes EUC-KR with TextDecoder', () => {
    expect(decodeBody(eucKr, 'text/html; charset=euc-kr').text).toBe('<p>조선 조선</p>');
  });
  it('decodes UTF-8 Korean served as iso-8859-1 correctly', () => {
    expect(decodeBody(utf8(korean), 'text/html; charset=iso-8859-1').text).toBe(korean);
  });
});
