/**
 * The key concepts are merged by — kept apart from the ranker so that the graph and the renderer can use it
 * without the tagger.
 *
 * Words are joined by their plural only ("cells" and "cell", "energies" and "energy"), not by Porter stems,
 * which also join words of other meanings: "experiment" and "experience" (experi), "organ" and "organic"
 * (organ), "general" and "generation" (gener), "university" and "universe" (univers) were one concept, in a
 * document and across the graph. The keyphrase figures moved by less than 0.2 points (models/README.md, "Concepts").
 */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Plurals the endings below cannot undo, as study notes use them: Latin and Greek ones ("nuclei", "hypotheses",
 * "mitochondria"), "-es" after a singular in "s" ("viruses", "lenses": "causes" and "houses" end alike, so only
 * listed words), and a few common English ones. Each maps to its singular, which is then keyed as any word is.
 */
const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // -us → -i, -a → -ae, -um/-on → -a
    nuclei: 'nucleus', stimuli: 'stimulus', fungi: 'fungus', cacti: 'cactus', foci: 'focus', radii: 'radius', loci: 'locus',
    alveoli: 'alveolus', bronchi: 'bronchus', bacilli: 'bacillus', villi: 'villus',
    larvae: 'larva', algae: 'alga', vertebrae: 'vertebra', antennae: 'antenna', formulae: 'formula', amoebae: 'amoeba',
    mitochondria: 'mitochondrion', criteria: 'criterion', phenomena: 'phenomenon', ganglia: 'ganglion',
    bacteria: 'bacterium', strata: 'stratum', spectra: 'spectrum', curricula: 'curriculum', maxima: 'maximum', minima: 'minimum',
    genera: 'genus', corpora: 'corpus',
    // -is → -es, -ix/-ex → -ices
    hypotheses: 'hypothesis', analyses: 'analysis', theses: 'thesis', crises: 'crisis', diagnoses: 'diagnosis', syntheses: 'synthesis',
    parentheses: 'parenthesis', emphases: 'emphasis', prognoses: 'prognosis', neuroses: 'neurosis', oases: 'oasis',
    matrices: 'matrix', indices: 'index', vertices: 'vertex', appendices: 'appendix', cortices: 'cortex', apices: 'apex',
    // -s → -ses
    viruses: 'virus', lenses: 'lens', gases: 'gas', biases: 'bias', buses: 'bus', campuses: 'campus', censuses: 'census', bonuses: 'bonus',
    statuses: 'status', focuses: 'focus', fetuses: 'fetus', cactuses: 'cactus', sinuses: 'sinus', choruses: 'chorus', atlases: 'atlas',
    aliases: 'alias', canvases: 'canvas', irises: 'iris', pelvises: 'pelvis', plexuses: 'plexus', uteruses: 'uterus', apparatuses: 'apparatus',
    // English
    children: 'child', men: 'man', women: 'woman', mice: 'mouse', teeth: 'tooth', feet: 'foot', geese: 'goose', oxen: 'ox',
    leaves: 'leaf', wolves: 'wolf', lives: 'life', knives: 'knife', halves: 'half', shelves: 'shelf', selves: 'self', thieves: 'thief',
    heroes: 'hero', potatoes: 'potato', tomatoes: 'tomato', echoes: 'echo', vetoes: 'veto', volcanoes: 'volcano', torpedoes: 'torpedo',
  }),
);

/** A word without its plural ending, lowercased. "Virus", "analysis" and "glass" are not plurals. */
export function inflectionKey(word: string): string {
  let w = word.toLowerCase();
  w = IRREGULAR_PLURALS.get(w) ?? w;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|x|ch|sh)es$/u.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/u.test(w)) w = w.slice(0, -1);
  return w;
}

let irregularByKey: Map<string, string[]> | undefined;

/** The listed irregular plurals keyed as `key` ("nuclei" for "nucleus", "lives" for "life"): forms no ending rule reaches. */
export function irregularPluralsOf(key: string): readonly string[] {
  if (!irregularByKey) {
    irregularByKey = new Map();
    for (const [plural, singular] of IRREGULAR_PLURALS) {
      const forms = irregularByKey.get(inflectionKey(singular)) ?? [];
      irregularByKey.set(inflectionKey(singular), [...forms, plural]);
    }
  }
  return irregularByKey.get(key) ?? [];
}

/** Lowercase letter-and-digit runs, each without its plural ending. */
export function conceptKey(phrase: string): string {
  return (phrase.match(WORD) ?? []).map(inflectionKey).join(' ');
}
