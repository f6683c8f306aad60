import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { removeFurniture } from './clean.js';
import { rawText } from './dom.js';

const STORY = [
  'The council met on Monday to discuss the budget for the coming year, officials said.',
  'Members agreed to raise spending on schools and roads, after a debate of several hours.',
  'A final vote is expected next month, when the figures for the second quarter are known.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');

/** The page's text after furniture removal, whitespace folded. */
function cleaned(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  removeFurniture(doc);
  return rawText(doc).replace(/\s+/g, ' ').trim();
}

describe('removeFurniture: class names', () => {
  it('keeps an element that also carries a content name', () => {
    const text = cleaned(`<body><div class="entry themeform share">${STORY}</div></body>`);
    expect(text).toContain('The council met on Monday');
  });

  it('reads `no-share` and `has-sidebar` as states, not as the element’s name', () => {
    const text = cleaned(
      `<body><div class="entry-content no-share">${STORY}</div>` +
        `<div class="layout has-sidebar"><p>Beside it.</p></div></body>`,
    );
    expect(text).toContain('The council met on Monday');
    expect(text).toContain('Beside it.');
  });

  it('still removes share bars, related lists and comments, content-named parts included', () => {
    const text = cleaned(
      `<body><article>${STORY}</article>` +
        '<div class="share-bar">Share on Twitter</div>' +
        '<div class="related post-list"><p>Another story entirely, from last week.</p></div>' +
        '<div class="comments"><div class="comment-content">First! Great article.</div></div>' +
        '</body>',
    );
    expect(text).toContain('The council met on Monday');
    expect(text).not.toMatch(/Share on Twitter|Another story|Great article/);
  });
});

describe('removeFurniture: page regions', () => {
  it('drops a header, footer, nav and aside holding little of the page', () => {
    const text = cleaned(
      '<body><header>Site name</header><nav>Home · World</nav>' +
        `<main>${STORY}</main><aside>Most read</aside><footer>© Example</footer></body>`,
    );
    expect(text).toContain('The council met on Monday');
    expect(text).not.toMatch(/Site name|Home · World|Most read|© Example/);
  });

  it('keeps a header left open over the whole story (the page never closed it)', () => {
    const text = cleaned(`<body><header><div class="logo">Site</div><main>${STORY}</main></body>`);
    expect(text).toContain('A final vote is expected next month');
  });
});

describe('removeFurniture: picture captions by their shape', () => {
  it('drops a box holding a picture and a short text, whatever its class', () => {
    const text = cleaned(
      `<body><article>${STORY}<div class="bildmodul"><img src="a.jpg">` +
        '<span>The town hall on Monday. Photo: J. Smith</span></div></article></body>',
    );
    expect(text).toContain('The council met on Monday');
    expect(text).not.toContain('Photo: J. Smith');
  });

  it('keeps a paragraph with an inline picture, and a box of text with an icon in a list', () => {
    const text = cleaned(
      '<body><article><p><img src="flag.png"> The flag was raised at noon, witnesses said.</p>' +
        '<div class="facts"><img src="i.png"><ul><li>Budget: 2 billion</li></ul></div>' +
        '</article></body>',
    );
    expect(text).toContain('The flag was raised at noon');
    expect(text).toContain('Budget: 2 billion');
  });
});

describe('removeFurniture: headings', () => {
  it('does not judge a heading by its id, an anchor made of its own words', () => {
    const text = cleaned(
      `<body><article><h2 id="nav_the_new_plan">The new plan</h2>${STORY}</article></body>`,
    );
    expect(text).toContain('The new plan');
  });
});
