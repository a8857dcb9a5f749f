/**
 * Text as search compares it: lowercase, accents and other combining marks removed, compatibility forms unfolded
 * ("ﬁ" → "fi"). "cafe" finds "Café", and so does "café" typed with a combining accent (as macOS and pasted text
 * write it); Greek typed without its tonos finds the accented word.
 */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}
