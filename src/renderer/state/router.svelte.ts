/**
 * The app's sections and which one is shown, kept in the address's hash (`#/library/<doc>/<sentence>`)
 * so reloads, back/forward and "show source" links work.
 */
export const sections = [
  { id: 'today', label: 'Today', shortcut: '1' },
  { id: 'library', label: 'Library', shortcut: '2' },
  { id: 'cards', label: 'Cards', shortcut: '3' },
  { id: 'graph', label: 'Graph', shortcut: '4' },
  { id: 'stats', label: 'Stats', shortcut: '5' },
  { id: 'settings', label: 'Settings', shortcut: '6' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export interface Route {
  section: SectionId;
  /** What follows the section in the address, e.g. a document id and a sentence id. */
  path: string[];
}

export function routeFromHash(hash: string): Route {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const section = sections.find((s) => s.id === first)?.id;
  return section ? { section, path: rest } : { section: 'today', path: [] };
}

export function hashFor(section: SectionId, path: string[] = []): string {
  return `#/${[section, ...path].map(encodeURIComponent).join('/')}`;
}

export class Router {
  current = $state<SectionId>('today');
  path = $state<string[]>([]);

  /** Starts following the address; returns the function that stops it. */
  attach(target: Window): () => void {
    const sync = () => {
      const route = routeFromHash(target.location.hash);
      this.current = route.section;
      this.path = route.path;
    };
    sync();
    target.addEventListener('hashchange', sync);
    return () => target.removeEventListener('hashchange', sync);
  }

  go(section: SectionId, path: string[] = []): void {
    this.current = section;
    this.path = path;
    if (typeof location !== 'undefined' && location.hash !== hashFor(section, path)) location.hash = hashFor(section, path);
  }

  /** Changes the address without a new step in the history: a screen's own choice (the Cards screen's state shown), kept so Back returns to it. */
  replace(section: SectionId, path: string[] = []): void {
    this.current = section;
    this.path = path;
    if (typeof history !== 'undefined' && location.hash !== hashFor(section, path)) history.replaceState(history.state, '', hashFor(section, path));
  }
}
