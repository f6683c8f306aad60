import { describe, expect, it } from 'vitest';
import { absoluteLink, inertHtml, pageLinks } from './inert-html.js';

const BASE = 'http://site.test/news/a.html';
const none = () => null;

describe('inert HTML', () => {
  it('keeps text and structure, closes what the page left open, escapes what it decoded', () => {
    expect(inertHtml('<div><p>one &amp; <i>two<p>three &lt;b&gt;</div>', BASE, none).body).toBe(
      // htmlparser2 does not close <i> and <p> at the next <p> as a browser would; nested is harmless.
      '<div><p>one &amp; <i>two<p>three &lt;b&gt;</p></i></p></div>',
    );
  });

  it('drops scripts, styles and embedded documents with their content, and every handler', () => {
    const html =
      '<p onclick="x()" style="color:red" class="c">a</p><script>bad()</script><svg><script>b()</script><p>in svg</p></svg>' +
      '<noscript><img src=x></noscript><template><p>t</p></template><p>b</p>';
    expect(inertHtml(html, BASE, none).body).toBe('<p>a</p><p>b</p>');
  });

  it('points links to the archive, keeps anchors, and leaves the rest pointing nowhere', () => {
    const archived = (url: string) =>
      url === 'http://site.test/news/b.html' ? '/articles/b' : null;
    const body = inertHtml(
      '<a href="b.html#p2">b</a><a href="#top">top</a><a href="c.html">c</a><a href="javascript:x()">j</a>',
      BASE,
      archived,
    ).body;
    expect(body).toBe(
      '<a href="/articles/b" class="ww-archived" title="archived copy of http://site.test/news/b.html#p2">b</a>' +
        '<a href="#top">top</a>' +
        '<a class="ww-missing" title="not in the archive: http://site.test/news/c.html">c</a>' +
        '<a class="ww-dead">j</a>',
    );
  });

  it('takes the title from the head and lists the links to look up', () => {
    const html =
      '<head><title> A &amp; B </title></head><a href="/x">x</a><a href="mailto:a@b">m</a>';
    expect(inertHtml(html, BASE, none).title).toBe('A & B');
    expect(pageLinks(html, BASE)).toEqual(['http://site.test/x']);
    expect(absoluteLink('data:text/html,hi', BASE)).toBeNull();
  });
});
