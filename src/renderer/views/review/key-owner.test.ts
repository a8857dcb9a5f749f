import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { keyBelongsToFocus } from './key-owner';

const { document } = parseHTML(`<!doctype html><html><body>
  <nav><a id="today" href="#/today" aria-current="page">Today</a><a id="library" href="#/library"><span id="library-label">Library</span></a></nav>
  <button id="again"><span id="again-name">Again</span></button>
  <input id="search" /><textarea id="prompt"></textarea><select id="sort"><option>a</option></select>
  <div id="editable" contenteditable="true"><b id="bold">x</b></div>
  <div id="tab" role="button" tabindex="0">Tab</div>
  <article id="card"><p id="prompt-text">Prompt</p></article>
</body></html>`);

const at = (id: string) => document.getElementById(id) as unknown as EventTarget;
const press = (key: string, id: string) => keyBelongsToFocus({ key, target: at(id) });

describe('which keys a focused control keeps from the review shortcuts', () => {
  it('leaves every key to the shortcuts when nothing interactive has focus', () => {
    for (const key of [' ', 'Enter', '1', 'u', '-']) {
      expect(press(key, 'card')).toBe(false);
      expect(keyBelongsToFocus({ key, target: document.body as unknown as EventTarget })).toBe(false);
    }
    expect(keyBelongsToFocus({ key: ' ', target: null })).toBe(false);
  });

  it('gives Enter and Space to a focused button, also from inside its label', () => {
    expect(press('Enter', 'again')).toBe(true);
    expect(press(' ', 'again-name')).toBe(true);
    expect(press('Enter', 'tab')).toBe(true);
  });

  it('still lets rating and command keys through on a focused button', () => {
    expect(press('3', 'again')).toBe(false);
    expect(press('u', 'again')).toBe(false);
  });

  it('keeps Enter and Space on a link from the shortcuts', () => {
    expect(press('Enter', 'library')).toBe(true);
    expect(press('Enter', 'library-label')).toBe(true);
    expect(press(' ', 'library')).toBe(true);
  });

  it('lets Space through on the link to the page already shown, which a click on it leaves focused', () => {
    expect(press(' ', 'today')).toBe(false);
    expect(press('Enter', 'today')).toBe(true);
  });

  it('gives every key to fields, lists and editable text', () => {
    for (const id of ['search', 'prompt', 'sort', 'editable', 'bold']) {
      for (const key of [' ', 'Enter', '1', 'u']) expect(press(key, id)).toBe(true);
    }
  });
});
