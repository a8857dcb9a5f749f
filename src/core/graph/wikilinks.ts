/**
 * Resolving Obsidian [[wikilinks]] to documents, as Obsidian does: a link names a note by file name or path
 * (`[[cells]]`, `[[cells.md]]`, `[[biology/cells]]`) or by one of its front-matter aliases (`[[Mito]]`); matching
 * ignores case and a `.md` extension. A note's title or first heading is no name of it in Obsidian: a title
 * counts only when no document in the library has the link's target as file name or alias (a PDF linked by
 * the title it shows), so a note whose heading repeats another note's name never becomes a second target. A
 * target that matches several documents opens the one in the linking note's own folder, as Obsidian does
 * (`[[Index]]` in Biology/Plants/ opens Biology/Plants/Index, not History/Index); when none of them is there, it
 * links to each of them. Either way the result depends only on the documents' paths, never on the order in
 * which documents were added.
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

/** What a link can find a document by. `aliases` is absent on documents stored before Focal read them. */
export interface NamedDocument {
  title: string;
  sourceName: string;
  aliases?: readonly string[];
}

/** The names a link finds the document by: its path with each leading folder dropped in turn, and its aliases. */
export function documentLinkNames(document: NamedDocument): string[] {
  const names = new Set<string>();
  const path = normalizeName(document.sourceName).replace(MARKDOWN_EXTENSION, '');
  const parts = path.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) names.add(parts.slice(i).join('/'));
  for (const alias of document.aliases ?? []) {
    const key = normalizeName(alias);
    if (key !== '') names.add(key);
  }
  return [...names];
}

/** The name a link finds the document by only when no document has it as file name or alias: its title. */
export function documentTitleKey(document: NamedDocument): string {
  return normalizeName(document.title);
}

/** The folder part of a document's path, compared as link names are: "" for a file imported on its own. */
function folderOf(sourceName: string): string {
  const path = normalizeName(sourceName);
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  if (key === '') return;
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  set?.delete(id);
  if (set?.size === 0) map.delete(key);
}

/** A library's documents by the names links find them by, and by the targets they link to; kept as documents come and go. */
export class LinkIndex {
  /** Each document's folder (its path up to the file name, as links compare names). */
  private readonly folders = new Map<string, string>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byTitle = new Map<string, Set<string>>();
  private readonly byTarget = new Map<string, Set<string>>();

  add(id: string, document: NamedDocument & { links: readonly string[] }): void {
    this.folders.set(id, folderOf(document.sourceName));
    for (const name of documentLinkNames(document)) addTo(this.byName, name, id);
    addTo(this.byTitle, documentTitleKey(document), id);
    for (const link of document.links) addTo(this.byTarget, linkTargetKey(link), id);
  }

  /** Takes out a document added before, given as it was added. */
  remove(id: string, document: NamedDocument & { links: readonly string[] }): void {
    this.folders.delete(id);
    for (const name of documentLinkNames(document)) removeFrom(this.byName, name, id);
    removeFrom(this.byTitle, documentTitleKey(document), id);
    for (const link of document.links) removeFrom(this.byTarget, linkTargetKey(link), id);
  }

  /**
   * Ids of the documents a link target opens, sorted: those it names by file name or alias, else those of that
   * title; of several, those in the folder of `from` (the linking note's path) when any are.
   */
  resolve(target: string, from?: string): string[] {
    const key = linkTargetKey(target);
    if (key === '') return [];
    const ids = [...(this.byName.get(key) ?? this.byTitle.get(key) ?? [])].sort(compareStrings);
    if (ids.length < 2 || from === undefined) return ids;
    const folder = folderOf(from);
    const near = ids.filter((id) => this.folders.get(id) === folder);
    return near.length > 0 ? near : ids;
  }

  /** Ids of the documents with a link that may open this one: one whose target is any of its names or its title. */
  linkingTo(document: NamedDocument): Set<string> {
    const ids = new Set<string>();
    for (const key of [...documentLinkNames(document), documentTitleKey(document)]) for (const id of this.byTarget.get(key) ?? []) ids.add(id);
    return ids;
  }
}

/** The library with the note in it (as it is now, in place of any stored copy of it), indexed by what links find. */
function indexed(document: LinkableDocument, library: readonly LinkableDocument[]): { index: LinkIndex; byId: Map<string, LinkableDocument> } {
  const index = new LinkIndex();
  const byId = new Map<string, LinkableDocument>();
  for (const entry of [...library.filter((other) => other.id !== document.id), document]) {
    index.add(entry.id, entry);
    byId.set(entry.id, entry);
  }
  return { index, byId };
}

/**
 * The documents each of a note's links opens, by the link's `linkTargetKey`: where a link in the note's text goes.
 * Empty for a link to nothing in the library; the note itself for a link to itself.
 */
export function documentsLinkedBy(document: LinkableDocument, library: readonly LinkableDocument[]): Map<string, Array<{ id: string; title: string }>> {
  const { index, byId } = indexed(document, library);
  const opened = new Map<string, Array<{ id: string; title: string }>>();
  for (const link of document.links) {
    const key = linkTargetKey(link);
    if (key !== '' && !opened.has(key)) opened.set(key, byTitle(index.resolve(link, document.sourceName).map((id) => byId.get(id)!)));
  }
  return opened;
}

function byTitle(documents: readonly LinkableDocument[]): Array<{ id: string; title: string }> {
  return documents.map(({ id, title }) => ({ id, title })).sort((a, b) => compareStrings(a.title, b.title) || compareStrings(a.id, b.id));
}

interface LinkableDocument extends NamedDocument {
  id: string;
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
 * as Obsidian shows them. A target written twice, or in two cases, is listed once; a link that opens the note
 * itself is left out.
 */
export function noteLinks(document: LinkableDocument, library: readonly LinkableDocument[]): { outgoing: OutgoingLink[]; backlinks: Array<{ id: string; title: string }> } {
  const { index, byId } = indexed(document, library);
  const seen = new Set<string>();
  const outgoing: OutgoingLink[] = [];
  for (const link of document.links) {
    const key = linkTargetKey(link);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    const ids = index.resolve(link, document.sourceName);
    if (ids.includes(document.id)) continue;
    // Two links to one note by two of its names ([[Mitochondria]], [[Powerhouse]]) list it once.
    const found = [...ids].sort().join('\u0000');
    if (ids.length > 0 && seen.has(`found:${found}`)) continue;
    if (ids.length > 0) seen.add(`found:${found}`);
    const target = link.split('|')[0]!.split('#')[0]!.trim();
    outgoing.push({ target, documents: byTitle(ids.map((id) => byId.get(id)!)) });
  }
  const backlinks = [...index.linkingTo(document)]
    .filter((id) => id !== document.id && byId.get(id)!.links.some((link) => index.resolve(link, byId.get(id)!.sourceName).includes(document.id)))
    .map((id) => byId.get(id)!);
  return { outgoing, backlinks: byTitle(backlinks) };
}
