import { describe, expect, it } from 'vitest';
import { extractHtmlArticle } from './index.js';

const STORY = [
  'The council met on Monday to discuss the budget for the coming year, officials said.',
  'Members agreed to raise spending on schools and roads, after a debate of several hours.',
  'A final vote is expected next month, when the figures for the second quarter are known.',
];
const paragraphs = (extra = '') =>
  `<body><article>${STORY.map((p) => `<p>${p}</p>`).join('')}${extra}</article></body>`;

describe('filterBlocks', () => {
  it('drops a heading left last, its list gone, and keeps headings inside the story', () => {
    const html =
      '<body><article><h2>The vote</h2>' +
      STORY.map((p) => `<p>${p}</p>`).join('<h3>Next steps</h3>') +
      '<h3>Ähnliche Beiträge</h3><ul class="related"><li><a href="/a">A</a></li></ul>' +
      '</article></body>';
    const { paragraphs: out } = extractHtmlArticle(html);
    expect(out).toContain('The vote');
    expect(out).toContain('Next steps');
    expect(out).not.toContain('Ähnliche Beiträge');
    expect(out.at(-1)).toBe(STORY[2]);
  });

  it('drops a labelled link to another story in any language, and keeps a labelled sentence', () => {
    const html = paragraphs(
      '<p>Lea también: <a href="/b">El ministro anuncia nuevas medidas para el sector</a></p>' +
        '<p>Lesen Sie hier: <a href="/c">Was die neue Regelung für Mieter bedeutet</a></p>' +
        '<p>Note: the council will publish the minutes of the meeting on its website.</p>',
    );
    const text = extractHtmlArticle(html).paragraphs.join('\n');
    expect(text).not.toMatch(/Lea también|Lesen Sie hier/);
    expect(text).toContain('Note: the council will publish the minutes');
  });

  it('keeps the standfirst printed above the story, even when it is the meta description', () => {
    const dek = 'Schools and roads get more, the opposition says it is not enough.';
    const html =
      `<head><meta name="description" content="${dek}"></head>` +
      `<body><article><div class="dek"><p>${dek}</p></div><div class="text">` +
      STORY.map((p) => `<p>${p}</p>`).join('') +
      '</div></article></body>';
    expect(extractHtmlArticle(html).paragraphs[0]).toBe(dek);
  });

  it('drops a lone `Label: value` line outside the story, and keeps fact lists and sentences', () => {
    const html = paragraphs(
      '<ul><li>Population: 25 million</li><li>Capital: Pyongyang</li></ul>' +
        '<p>Note: the figures are provisional until the final count in May.</p>',
    ).replace('<article>', '<article><p>Kategorie: Politik</p>');
    const out = extractHtmlArticle(html).paragraphs;
    expect(out).not.toContain('Kategorie: Politik');
    expect(out).toContain('Population: 25 million');
    expect(out).toContain('Note: the figures are provisional until the final count in May.');
  });
});
