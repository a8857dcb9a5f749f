import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse-document';
import { readCanvas } from './canvas';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('readCanvas', () => {
  it('reads the text cards top to bottom, then left to right, as Markdown, and links the notes its file cards show', async () => {
    const board = {
      nodes: [
        { id: 'b', type: 'text', text: 'Mitochondria make **ATP**. See [[Krebs cycle]].', x: 400, y: 0, width: 250, height: 60 },
        { id: 'a', type: 'text', text: '# Cell energy\n\nCells need energy to live.', x: 0, y: 0, width: 250, height: 60 },
        { id: 'c', type: 'text', text: '- Glycolysis splits glucose.\n- It runs in the cytoplasm.', x: 0, y: 300, width: 250, height: 60 },
        { id: 'f', type: 'file', file: 'Biology/Mitochondria.md', x: 0, y: 600, width: 250, height: 60 },
        { id: 'p', type: 'file', file: 'attachments/cell.png', x: 300, y: 600, width: 250, height: 60 },
        { id: 'g', type: 'group', label: 'Energy', x: -20, y: -20, width: 800, height: 800 },
        { id: 'l', type: 'link', url: 'https://example.org', x: 600, y: 600, width: 250, height: 60 },
        { id: 'e', type: 'text', text: '   ', x: 0, y: 900 },
      ],
      edges: [{ id: 'x', fromNode: 'a', toNode: 'b', label: 'leads to' }],
    };
    const doc = await readCanvas(bytes(board));
    expect(doc.format).toBe('canvas');
    // A card's heading names that card, not the board: the app names it by its file.
    expect(doc.title).toBeNull();
    expect(doc.blocks.map((block) => block.text)).toEqual(['Cell energy', 'Cells need energy to live.', 'Mitochondria make ATP. See Krebs cycle.', 'Glycolysis splits glucose.', 'It runs in the cytoplasm.']);
    expect(doc.links).toEqual(['Krebs cycle', 'Biology/Mitochondria']);
  });

  it('reads each card on its own: a fence left open in one cannot swallow the next', async () => {
    const board = { nodes: [
      { id: 'a', type: 'text', text: 'Run this:\n\n```js\nrun()', x: 0, y: 0 },
      { id: 'b', type: 'text', text: 'Osmosis moves water across a membrane.', x: 0, y: 200 },
      { id: 'c', type: 'text', text: '![[diagram.png]]', x: 0, y: 400 },
    ] };
    const doc = await readCanvas(bytes(board));
    expect(doc.blocks.map((block) => block.text)).toEqual(['Run this:', 'Osmosis moves water across a membrane.']);
    expect(doc.code).toEqual([{ before: 1, text: '```js\nrun()\n```' }]);
  });

  it('refuses a damaged canvas or one without text cards with a typed error', async () => {
    await expect(readCanvas(bytes('{"nodes": [ oops'))).rejects.toMatchObject({ code: 'malformed' });
    await expect(readCanvas(bytes({ edges: [] }))).rejects.toMatchObject({ code: 'malformed' });
    await expect(readCanvas(bytes({ nodes: [{ type: 'file', file: 'a.md' }] }))).rejects.toMatchObject({ code: 'empty' });
  });

  it('keeps where a card’s [[link]] sits, so the reader can open the note from the board’s text', async () => {
    const board = { nodes: [{ id: 'a', type: 'text', text: 'First card.', x: 0, y: 0 }, { id: 'b', type: 'text', text: 'Osmosis: see [[Water|water flow]].', x: 0, y: 200 }] };
    const doc = await parseDocument({ name: 'vault/Board.canvas', bytes: bytes(board) });
    expect(doc.linkSpans?.map((link) => [doc.text.slice(link.start, link.end), link.target])).toEqual([['water flow', 'Water']]);
  });

  it('is what a .canvas file is read as, never its JSON as plain text', async () => {
    const doc = await parseDocument({ name: 'vault/Study board.canvas', bytes: bytes({ nodes: [{ id: 'a', type: 'text', text: '# Osmosis\n\nOsmosis moves water across a membrane.', x: 0, y: 0 }] }) });
    expect(doc.format).toBe('canvas');
    expect(doc.title).toBe('Study board');
    expect(doc.sentences.map((sentence) => sentence.text)).toEqual(['Osmosis moves water across a membrane.']);
    await expect(parseDocument({ name: 'Empty board.canvas', bytes: bytes({ nodes: [] }) })).rejects.toThrow('“Empty board.canvas” has no text cards to study.');
  });
});
