import { describe, expect, it } from 'vitest';
import type { LibraryRepository } from '../db/library-repository';
import { LibraryState } from './library.svelte';

function recordingLibrary() {
  const searched: string[] = [];
  const repository = { search: async (query: string) => (searched.push(query), []), sentenceMatches: async () => new Map() } as unknown as LibraryRepository;
  return { searched, state: new LibraryState(repository) };
}

describe('searching the library', () => {
  it('reads the library once typing pauses, for the last query only', async () => {
    const { searched, state } = recordingLibrary();
    const typing = ['p', 'ph', 'pho'].map((query) => state.search(query, 20));
    expect(state.query).toBe('pho');
    await Promise.all(typing);
    expect(searched).toEqual(['pho']);
    expect(state.loaded).toBe(true);
  });

  it('searches at once when asked to', async () => {
    const { searched, state } = recordingLibrary();
    await state.search('cells', 0);
    expect(searched).toEqual(['cells']);
  });
});
