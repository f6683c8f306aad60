import { describe, expect, it } from 'vitest';
import { extractHtmlArticle } from './index.js';

const STORY = [
  'The council met on Monday to discuss the budget for the coming year, officials said.',
  'Members agreed to raise spending on schools and roads, after a debate of several hours.',
  'A final vote is expected next month, when the figures for the second quarter are known.',
  'Opposition members said the plan did not go far enough, and promised amendments.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');

const BOX =
  '<div class="box"><p>Independent journalism needs your support: give what you can today.</p></div>';

describe('articleBlocks', () => {
  it('leaves out a box after the story that adds a little prose to the wrapper', () => {
    const html = `<body><div class="wrap"><div class="story">${STORY}</div>${BOX}</div></body>`;
    const text = extractHtmlArticle(html).paragraphs.join('\n');
    expect(text).toContain('Opposition members said');
    expect(text).not.toContain('Independent journalism');
  });

  it('keeps the wrapper when prose stands before the story’s element (a lead)', () => {
    const lead = '<p>A budget of record size was agreed in principle after a long night.</p>';
    const html = `<body><div class="wrap">${lead}<div class="story">${STORY}</div></div></body>`;
    const text = extractHtmlArticle(html).paragraphs.join('\n');
    expect(text).toContain('A budget of record size');
    expect(text).toContain('Opposition members said');
  });

  it('drops a short box closing the story inside the story’s own container', () => {
    const html =
      `<body><article>${STORY}` +
      '<div class="support"><p><b>Help us report:</b> give to our newsroom today.</p></div>' +
      '</article></body>';
    const out = extractHtmlArticle(html).paragraphs;
    expect(out.at(-1)).toContain('Opposition members said');
    expect(out.join('\n')).not.toContain('Help us report');
  });

  it('keeps the story continued in a sibling wrapper of the same shape', () => {
    const more =
      'The vote was postponed twice last year, and the mayor said it would not be again.';
    const html =
      `<body><article><div class="body">${STORY}</div>` +
      `<div class="ad"></div><div class="body"><p>${more}</p></div></article></body>`;
    expect(extractHtmlArticle(html).paragraphs.at(-1)).toBe(more);
  });

  it('reads prose hard-wrapped into short lines by <br> as prose', () => {
    const html =
      '<body><div class="post"><p>The council met on Monday<br>to discuss the budget for the<br>' +
      'coming year, officials said.<br>A vote is expected next month.</p></div></body>';
    expect(extractHtmlArticle(html).paragraphs.join(' ')).toContain('The council met on Monday');
  });

  it('keeps a column of the story that is link-heavy only for its table of contents', () => {
    const toc = ['Budget', 'Schools', 'Roads', 'Opposition', 'Next steps', 'Reactions']
      .map((t) => `<li><a href="#${t}">${t} of the plan in detail, by section</a></li>`)
      .join('');
    const html =
      '<body><article><div class="lead"><p>A budget of record size was agreed in principle ' +
      'after a long night of talks in the council chamber.</p></div>' +
      `<div class="col"><ul>${toc}</ul>${STORY}</div></article></body>`;
    const out = extractHtmlArticle(html).paragraphs.join('\n');
    expect(out).toContain('Opposition members said');
    expect(out).not.toContain('Budget of the plan in detail');
  });
});
