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
});
