import { describe, expect, it } from 'vitest';
import { takeWebKey } from './web-key';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (name) => items.get(name) ?? null, setItem: (name, value) => void items.set(name, value) };
}

function place(hash: string) {
  const state = { hash, forgotten: 0 };
  return { state, place: { hash, forgetHash: () => void state.forgotten++ } };
}

describe('the web host’s key, as the page keeps it', () => {
  it('takes the key from the fragment and clears the address, keeping it only once the host accepts it', () => {
    const storage = memoryStorage();
    const { state, place: at } = place('#key=abc-123_XYZ');
    const taken = takeWebKey(at, storage);
    expect(taken.key).toBe('abc-123_XYZ');
    expect(state.forgotten).toBe(1);
    // Not kept before the host has said yes: any page could link to "#key=nonsense".
    expect(storage.getItem('focal.webKey')).toBeNull();
    taken.keep();
    expect(storage.getItem('focal.webKey')).toBe('abc-123_XYZ');
  });

  it('uses the kept key when the address has none (a second tab, a reload), and leaves the address alone', () => {
    const storage = memoryStorage();
    storage.setItem('focal.webKey', 'kept');
    const { state, place: at } = place('');
    expect(takeWebKey(at, storage)).toMatchObject({ key: 'kept', kept: undefined });
    expect(state.forgotten).toBe(0);
  });

  it('offers the kept key to fall back to when the address hands over another, which replaces it once accepted', () => {
    const storage = memoryStorage();
    storage.setItem('focal.webKey', 'last-launch');
    const taken = takeWebKey(place('#key=this-launch').place, storage);
    expect(taken).toMatchObject({ key: 'this-launch', kept: 'last-launch' });
    taken.keep();
    expect(storage.getItem('focal.webKey')).toBe('this-launch');
  });

  it('has no key where none was ever handed over, and ignores other fragments', () => {
    const storage = memoryStorage();
    expect(takeWebKey(place('#section-2').place, storage).key).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });
});
