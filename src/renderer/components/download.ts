/** Saving something the app made as a file, through the browser's download of a link. */

/** Downloads what a URL (a data: or object URL) holds, under the given file name. */
export function downloadUrl(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
}

/** Downloads a blob under the given file name; its object URL is released once the download has begun. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
