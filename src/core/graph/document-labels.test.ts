import { describe, expect, it } from 'vitest';
import { documentLabels } from './document-labels';

describe('documentLabels', () => {
  it('names documents by title, adding the source file only where titles are shared', () => {
    const labels = documentLabels([
      { id: 'document:a', kind: 'document', label: 'Rome', sourceName: 'rome.md' },
      { id: 'document:b', kind: 'document', label: 'Rome', sourceName: 'sub/rome.md' },
      { id: 'document:c', kind: 'document', label: 'Cell biology', sourceName: 'cells.md' },
      { id: 'concept:rome', kind: 'concept', label: 'Rome' },
    ]);
    expect([...labels]).toEqual([
      ['document:a', 'Rome — rome.md'],
      ['document:b', 'Rome — sub/rome.md'],
      ['document:c', 'Cell biology'],
    ]);
  });
});
