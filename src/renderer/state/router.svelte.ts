/** The app's sections and which one is shown, kept in the address's hash so reloads and back/forward work. */
export const sections = [
  { id: 'today', label: 'Today', shortcut: '1' },
  { id: 'library', label: 'Library', shortcut: '2' },
  { id: 'graph', label: 'Graph', shortcut: '3' },
  { id: 'settings', label: 'Settings', shortcut: '4' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '');
  return sections.find((section) => section.id === id)?.id ?? 'today';
}

export class Router {
  current = $state<SectionId>('today');

  /** Starts following the address; returns the function that stops it. */
  attach(target: Window): () => void {
    const sync = () => (this.current = sectionFromHash(target.location.hash));
    sync();
    target.addEventListener('hashchange', sync);
    return () => target.removeEventListener('hashchange', sync);
  }

  go(section: SectionId): void {
    this.current = section;
    if (typeof location !== 'undefined' && sectionFromHash(location.hash) !== section) location.hash = `/${section}`;
  }
}
