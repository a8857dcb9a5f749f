/** The Library list as the person sees it: search, delete with undo. */
import type { DocumentRow } from '../db/focal-db';
import type { DeletedDocument, LibraryRepository } from '../db/library-repository';

/** How long typing must pause before the library is searched. */
export const SEARCH_SETTLE_MS = 150;

export class LibraryState {
  // Raw state: rows go back into IndexedDB as they are, and a deep proxy cannot be stored there.
  documents = $state.raw<DocumentRow[]>([]);
  query = $state('');
  loaded = $state(false);
  lastDeleted = $state.raw<DeletedDocument | null>(null);
  private generation = 0;

  constructor(
    readonly repository: LibraryRepository,
    /** Runs before a delete: the automatic backup. */
    private readonly beforeDelete: () => Promise<unknown> = async () => undefined,
  ) {}

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const rows = await this.repository.search(this.query);
    // A slower, older search must not overwrite a newer one.
    if (generation !== this.generation) return;
    this.documents = rows;
    this.loaded = true;
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
    this.lastDeleted = await this.repository.delete(documentId);
    await this.refresh();
  }

  async undoDelete(): Promise<void> {
    if (!this.lastDeleted) return;
    await this.repository.restore(this.lastDeleted);
    this.lastDeleted = null;
    await this.refresh();
  }
}
