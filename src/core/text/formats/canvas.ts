/**
 * An Obsidian canvas (JSON Canvas 1.0, `.canvas`): a board of cards. Its text cards are Markdown notes, each read
 * on its own (a fence or comment left open in one card cannot swallow the next) and put one after another in
 * the order a person reads the board — top to bottom, then left to right; the notes its file cards show are its
 * links, as a [[wikilink]] would make them. Pictures, web pages and groups hold no text
 * to study. (Read as plain text, a canvas became its JSON: cards of `{"nodes":[{"id":…`.)
 */
import { FocalError } from '../../../shared/errors';
import { joinContents, type ReadOptions, type SourceDocument } from '../source';
import { decodeText } from './encoding';
import { readMarkdown } from './markdown';

interface CanvasNode {
  type?: unknown;
  text?: unknown;
  file?: unknown;
  x?: unknown;
  y?: unknown;
}

export async function readCanvas(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  let board: unknown;
  try {
    board = JSON.parse(decodeText(bytes).text);
  } catch {
    throw new FocalError('malformed', 'This canvas is damaged: it is not the JSON an Obsidian canvas is saved as.');
  }
  const nodes = (board as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) throw new FocalError('malformed', 'This canvas is damaged: it lists no cards.');
  const cards = (nodes as CanvasNode[]).filter((node): node is CanvasNode => typeof node === 'object' && node !== null);
  const at = (node: CanvasNode, axis: 'x' | 'y') => (typeof node[axis] === 'number' ? node[axis] : 0);
  const texts = cards
    .filter((node) => node.type === 'text' && typeof node.text === 'string' && node.text.trim() !== '')
    .sort((a, b) => at(a, 'y') - at(b, 'y') || at(a, 'x') - at(b, 'x'))
    .map((node) => (node.text as string).trim());
  const links = cards
    .filter((node) => node.type === 'file' && typeof node.file === 'string' && /\.md$/i.test(node.file))
    .map((node) => (node.file as string).replace(/\.md$/i, ''));
  const read: SourceDocument[] = [];
  for (const text of texts) {
    options.checkpoint?.();
    try {
      read.push(await readMarkdown(new TextEncoder().encode(text)));
    } catch (error) {
      // A card of only a picture or code has nothing to read.
      if (!(error instanceof FocalError && error.code === 'empty')) throw error;
    }
  }
  const { blocks, marks, code } = joinContents(read);
  if (blocks.length === 0) throw new FocalError('empty', 'This canvas has no text cards to study.');
  // Its file names the board (the app falls back to it): a card's front matter or heading names that card only.
  return {
    format: 'canvas',
    title: null,
    blocks,
    marks,
    code,
    links: [...new Set([...read.flatMap((card) => card.links), ...links])],
    tags: [...new Set(read.flatMap((card) => card.tags))],
    pageCount: null,
    warnings: [],
  };
}
