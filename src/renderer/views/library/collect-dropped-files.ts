/**
 * The files of a drop or a folder pick, with their paths inside any dropped folder, so an Obsidian vault
 * or a course folder imports whole. Uses the (widely supported) webkit entry API for dropped folders.
 */
import type { ImportItem } from '../../state/importer.svelte';

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  fullPath: string;
  file?(success: (file: File) => void, failure: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: Entry[]) => void, failure: (error: unknown) => void): void };
}

async function walk(entry: Entry, out: ImportItem[]): Promise<void> {
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') });
    return;
  }
  if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries returns a batch at a time; an empty batch means the folder is done.
    for (;;) {
      const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, out);
    }
  }
}

export async function collectDroppedFiles(transfer: DataTransfer): Promise<ImportItem[]> {
  const entries = [...transfer.items]
    .map((item) => (item.kind === 'file' ? (item.webkitGetAsEntry?.() as Entry | null) : null))
    .filter((entry): entry is Entry => entry !== null);
  if (entries.length === 0) return [...transfer.files].map((file) => ({ file, path: file.name }));
  const out: ImportItem[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

/** Files from an <input type=file>, with folder paths when it picked a folder. */
export function collectPickedFiles(files: FileList): ImportItem[] {
  return [...files].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
