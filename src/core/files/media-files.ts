/**
 * Pictures, sound and video, by file extension: what a notes folder holds beside its notes (an Obsidian vault's
 * attachments) and what an embed shows rather than reads. Focal reads none of them.
 */
const MEDIA = /\.(?:png|jpe?g|gif|bmp|svg|webp|avif|tiff?|heic|ico|mp3|wav|ogg|oga|flac|m4a|aac|webm|mp4|m4v|mov|mkv|avi|ogv|3gp)$/i;

export function isMediaFile(name: string): boolean {
  return MEDIA.test(name.trim());
}
