/**
 * Resolving Obsidian [[wikilinks]] to documents. A link names a note by title, file name or path
 * (`[[Cells]]`, `[[cells.md]]`, `[[biology/cells]]`); matching ignores case and a `.md` extension. A target
 * that matches several documents links to each of them: which one Obsidian would open depends on the
 * vault's folders, which Focal does not keep, and linking to all of them keeps the result independent of
 * the order in which documents were added.
 */

import { compareStrings } from '../compare-strings';

const MARKDOWN_EXTENSION = /\.(md|markdown)$/;

function normalizeName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\s+/g, ' ');
}

/** The form a link target is compared in: lowercase, without `#heading`, `|alias` or a `.md` extension. */
export function linkTargetKey(target: string): string {
  const note = target.split('|')[0]!.split('#')[0]!;
  return normalizeName(note).replace(MARKDOWN_EXTENSION, '');
}

/** Every name a link may use for the document: its title, and its path with each leading folder dropped in turn. */
export function documentLinkNames(document: { title: string; sourceName: string }): string[] {
  const names = new Set<string>();
  const title = linkTargetKey(document.title);
  if (title !== '') names.add(title);
  const path = normalizeName(document.sourceName);
  const variants = MARKDOWN_EXTENSION.test(path) ? [path.replace(MARKDOWN_EXTENSION, '')] : [path];
  for (const variant of variants) {
    const parts = variant.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) names.add(parts.slice(i).join('/'));
  }
  return [...names];
}

export function linkResolvesTo(target: string, document: { title: string; sourceName: string }): boolean {
  const key = linkTargetKey(target);
  return key !== '' && documentLinkNames(document).includes(key);
}

function byTitle(documents: readonly LinkableDocument[]): Array<{ id: string; title: string }> {
  return documents.map(({ id, title }) => ({ id, title })).sort((a, b) => compareStrings(a.title, b.title) || compareStrings(a.id, b.id));
}

interface LinkableDocument {
  id: string;
  title: string;
  sourceName: string;
  links: readonly string[];
}

/** One [[link]] a note writes, as the reader lists it: the documents it opens (none when not in the library). */
export interface OutgoingLink {
  /** As written, without `|alias` or `#heading`. */
  target: string;
  documents: Array<{ id: string; title: string }>;
}

/**
 * A note's wikilinks, each with the documents it resolves to, and the documents that link to it (backlinks),
 * as Obsidian shows them. A target written twice, or in two cases, is listed once; a link to the note itself is left out.
 */
export function noteLinks(document: LinkableDocument, library: readonly LinkableDocument[]): { outgoing: OutgoingLink[]; backlinks: Array<{ id: string; title: string }> } {
  const others = library.filter((other) => other.id !== document.id);
  const seen = new Set<string>();
  const outgoing: OutgoingLink[] = [];
  for (const link of document.links) {
    const key = linkTargetKey(link);
    if (key === '' || seen.has(key) || documentLinkNames(document).includes(key)) continue;
    seen.add(key);
    const target = link.split('|')[0]!.split('#')[0]!.trim();
    outgoing.push({ target, documents: byTitle(others.filter((other) => documentLinkNames(other).includes(key))) });
  }
  const backlinks = byTitle(others.filter((other) => other.links.some((link) => linkResolvesTo(link, document))));
  return { outgoing, backlinks };
}
