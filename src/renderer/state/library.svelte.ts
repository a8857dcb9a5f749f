/** The Library list as the person sees it: search, delete with undo. */
import type { DocumentRow } from '../db/focal-db';
import { reimportOf, type DeletedDocument, type LibraryRepository } from '../db/library-repository';
import { nextOrder, sortDocuments, type DocumentOrder, type DocumentSortKey } from './document-order';

/** How long typing must pause before the library is searched. */
export const SEARCH_SETTLE_MS = 150;

export class LibraryState {
  // Raw state: rows go back into IndexedDB as they are, and a deep proxy cannot be stored there.
  documents = $state.raw<DocumentRow[]>([]);
  query = $state('');
  /** The column the person sorted the list by; null: the newest change first, as stored. */
  order = $state<DocumentOrder | null>(null);
  /** The documents as the list shows them, in `order`. */
  shown = $derived(sortDocuments(this.documents, this.order));
  /** While searching: the sentence of each listed document where the query matched (see `sentenceMatches`). */
  matches = $state.raw<Map<string, { sentenceId: string; text: string }>>(new Map());
  loaded = $state(false);
  lastDeleted = $state.raw<DeletedDocument | null>(null);
  /** Why the last undo put nothing back (the document had been imported again); null otherwise. */
  undoRefused = $state<string | null>(null);
  /** Counts the changes Focal's other windows told of: a screen showing what the library holds (Today) reads again when it moves. */
  changedElsewhere = $state(0);
  private generation = 0;

  constructor(
    readonly repository: LibraryRepository,
    /** Runs before a delete: the automatic backup. */
    private readonly beforeDelete: () => Promise<unknown> = async () => undefined,
    /** Runs after a delete or its undo changed the library (Focal's other windows are told). */
    private readonly changed: () => void = () => {},
  ) {}

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const rows = await this.repository.search(this.query);
    const matches = this.query.trim() ? await this.repository.sentenceMatches(rows.map((row) => row.id), this.query) : new Map<string, { sentenceId: string; text: string }>();
    // A slower, older search must not overwrite a newer one.
    if (generation !== this.generation) return;
    this.documents = rows;
    this.matches = matches;
    this.loaded = true;
    // An import of the same file brings the document back: the undo offer no longer makes sense. A filtered
    // list may not show it, so then every document is read (only while an offer is up).
    const offered = this.lastDeleted;
    if (!offered) return;
    const all = this.query ? await this.repository.list() : rows;
    // A newer refresh or delete since then decides instead.
    if (generation === this.generation && this.lastDeleted === offered && reimportOf(offered, all)) this.lastDeleted = null;
  }

  /** Sorts the list by a column, or turns it round when it is sorted by that column already. */
  sortBy(key: DocumentSortKey): void {
    this.order = nextOrder(this.order, key);
  }

  /**
   * Searches once typing pauses for `settleMs`: a search reads every document's text, and one per keystroke
   * would queue a read of the whole library for each letter. A search overtaken by a newer one resolves
   * without reading.
   */
  async search(query: string, settleMs = SEARCH_SETTLE_MS): Promise<void> {
    this.query = query;
    const generation = ++this.generation;
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    if (generation !== this.generation) return;
    await this.refresh();
  }

  async remove(documentId: string): Promise<void> {
    await this.beforeDelete();
    this.undoRefused = null;
    this.lastDeleted = await this.repository.delete(documentId);
    this.changed();
    await this.refresh();
  }

  /** Puts the last deleted document back, unless it has been imported again since: imports never duplicate. */
  async undoDelete(): Promise<void> {
    const deleted = this.lastDeleted;
    if (!deleted) return;
    this.lastDeleted = null;
    let back;
    try {
      back = await this.repository.restore(deleted);
    } catch (error) {
      // Nothing was restored: the offer stays, so the person can try again.
      this.lastDeleted = deleted;
      throw error;
    }
    if (back) this.undoRefused = `“${back.title}” was imported again after the delete, so the deleted copy was not restored: the library keeps one copy of each document.`;
    else this.changed();
    await this.refresh();
  }

  dismissUndo(): void {
    this.lastDeleted = null;
    this.undoRefused = null;
  }
}
