/** Files dropped on the window or on the Library's drop zone: one way from a drop to the importer. */
import type { Importer, ImportItem } from './importer.svelte';
import type { Notices } from './notices.svelte';

/** Whether a drag carries files or folders (not text or a link). */
export function hasFiles(event: DragEvent): event is DragEvent & { dataTransfer: DataTransfer } {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Imports the files a drop yields. A drop that cannot be read, or an import that stops, is shown as a notice;
 * `beforeImport` runs once the files are read, before the import starts.
 */
export async function importDroppedFiles(
  dropped: Promise<ImportItem[]>,
  app: { importer: Importer; notices: Notices },
  beforeImport: () => void = () => undefined,
): Promise<void> {
  let items: ImportItem[];
  try {
    items = await dropped;
  } catch (error) {
    app.notices.report('Could not read what was dropped', error);
    return;
  }
  beforeImport();
  try {
    await app.importer.importFiles(items);
  } catch (error) {
    app.notices.report('The import stopped', error);
  }
}
