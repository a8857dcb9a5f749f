import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Token } from 'micromark-util-types';
import { labelOpenIn, withLinearAutolinks } from './markdown-autolinks';
import { seededRandom } from '../../seeded-random';

const withoutPositions = (tree: unknown) => JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value));
const upstream = (text: string) => withoutPositions(fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }));
const linear = (text: string) => withoutPositions(fromMarkdown(text, { extensions: [withLinearAutolinks(gfm())], mdastExtensions: [gfmFromMarkdown()] }));

describe('bare links in linear time', () => {
  it('replaces the three bare-link constructs and nothing else', () => {
    const before = gfm().text!;
    const after = withLinearAutolinks(gfm()).text!;
    const names = (constructs: unknown) => [constructs].flat().map((c) => (c as { name?: string }).name);
    expect(names(after[104])).toEqual(names(before[104]));
    expect([after[104]].flat()).not.toEqual([before[104]].flat());
    expect([after[91]].flat()).toEqual([before[91]].flat());
  });

  it('reads every mix of links, labels, emphasis and bare links as the extension does', () => {
    const pieces = ['https://x.org/a_b_', 'www.ex.com/*s*', 'me_x@y.org', '[', ']', '](', ')', '![', '[^1]', ' ', 'word', '_em_', '*', '\n', '`c`', '~t~', '[[wiki]]', '[a](b)', 'http://q.r/~z~', '\n\n', '[a]: http://d.e\n'];
    const random = seededRandom(5);
    for (let n = 0; n < 600; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 30);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      expect(linear(text), text).toBe(upstream(text));
    }
    // A link formed earlier in the paragraph closes its label: a bare link after it is a link, its underscores kept.
    const visit = 'See [index.html](index.html), then visit\nhttp://localhost:7936/_copy_/index.html';
    expect(linear(visit)).toBe(upstream(visit));
    expect(linear(visit)).toContain('"url":"http://localhost:7936/_copy_/index.html"');
  });

  it('counts a label open until a "]" closes it, as balanced brackets or a link', () => {
    const label = (balanced?: boolean) => ({ type: 'labelLink', _balanced: balanced }) as Token;
    expect(labelOpenIn({})).toBe(false);
    expect(labelOpenIn({ _labelStarts: [label(true), label(true)] })).toBe(false);
    expect(labelOpenIn({ _labelStarts: [label(), label(true)] })).toBe(true);
  });

  it('reads a note of 200 KB of JSON in a paragraph in about a second (each word walked back to its "[": 8 s)', () => {
    const data = Array.from({ length: 3000 }, (_, i) => ({ id: i, tags: [`a${i}`, 'b'], pos: [i, i * 2], name: `item ${i}` }));
    const tree = fromMarkdown(`# Data\n\n${JSON.stringify(data)}\n`, { extensions: [withLinearAutolinks(gfm())], mdastExtensions: [gfmFromMarkdown()] });
    expect(tree.children.map((node) => node.type)).toEqual(['heading', 'paragraph']);
  });
});
