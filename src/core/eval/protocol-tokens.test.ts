import { describe, expect, it } from 'vitest';
import { protocolTokens, stemPhrase } from './protocol-tokens';

describe('protocol tokens', () => {
  it('lowercase, keep only ASCII letter-and-digit runs, and Porter-stem each run', () => {
    expect(protocolTokens('Running GENERALIZATIONS, 2005!')).toEqual(['run', 'gener', '2005']);
  });

  it('split at punctuation and at letters outside a-z', () => {
    expect(protocolTokens("grid-enabling Opec's café")).toEqual(['grid', 'enabl', 'opec', 's', 'caf']);
  });

  it('give nothing for text without letters or digits', () => {
    expect(protocolTokens(' — … ')).toEqual([]);
    expect(stemPhrase('—')).toBe('');
  });

  it('make inflected variants of a phrase equal', () => {
    expect(stemPhrase('Regulatory compliances')).toBe(stemPhrase('regulatory compliance'));
  });
});
