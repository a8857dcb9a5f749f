import { describe, expect, it } from 'vitest';
import { nounPhrases, phraseOccurrences } from './noun-phrases';

const phrases = (sentences: string[]) => phraseOccurrences(sentences).map((occurrence) => occurrence.words.join(' '));

describe('candidate phrases for concepts', () => {
  it('takes adjectives and nouns ending in a noun, keeping hyphenated words whole', () => {
    const found = phrases(['The fuzzy-logic controllers were tested on noisy images.', 'Results were good.']);
    expect(found).toContain('fuzzy-logic controllers');
    expect(found).toContain('noisy images');
    expect(found).not.toContain('good');
  });

  it('drops adjectives that refer or praise rather than classify from the start of a phrase', () => {
    const found = phrases(['A novel genetic algorithm beats other methods on real-time data.']);
    expect(found).toEqual(expect.arrayContaining(['genetic algorithm', 'methods', 'real-time data']));
    expect(found.some((phrase) => /novel|other/.test(phrase))).toBe(false);
  });

  it('reads a gerund after a modifier as a noun unless it takes an object', () => {
    const found = phrases(['We study adaptive filtering of speech signals.', 'Systems using neural networks are compared.']);
    expect(found).toContain('adaptive filtering');
    expect(found).toContain('neural networks');
    expect(found.some((phrase) => phrase.includes('using'))).toBe(false);
    // After a plural, before a preposition, it describes the plural; a compound in -s is no plural.
    expect(phrases(['The membrane has proteins floating in it.'])).toEqual(['membrane', 'proteins']);
    expect(phrases(['We study multi-axis machining in industry.'])).toContain('multi-axis machining');
  });

  it('leaves out a verb in -s the tagger took for a plural, before the article of its object, and the verb of a sentence it found none in', () => {
    expect(phrases(['The pH scale measures the concentration of hydrogen ions.'])).toEqual(['pH scale', 'concentration', 'hydrogen ions']);
    // Only in -s: a phrase put before the subject ends before an article too.
    expect(phrases(['During the cell cycle the chromosomes condense.'])).toContain('cell cycle');
    expect(phrases(['In a plant cell the vacuole is large.'])).toContain('plant cell');
    // In a sentence the tagger found no verb in, the verb is the word after a noun that agrees with it.
    expect(phrases(['Diffusion moves molecules from high to low concentration.']).slice(0, 2)).toEqual(['Diffusion', 'molecules']);
    expect(phrases(['The nucleus stores genetic information.'])).toEqual(['nucleus', 'genetic information']);
    expect(phrases(['Chromosomes line up at the equator.'])).toContain('Chromosomes');
    expect(phrases(['Chromosomes line up at the equator.'])).not.toContain('Chromosomes line');
    // The last word that agrees: "store", not "cells", in "Plant cells store starch".
    expect(phrases(['Plant cells store starch.'])).toEqual(['Plant cells', 'starch']);
    expect(phrases(['Water molecules form hydrogen bonds.'])).toEqual(['Water molecules', 'hydrogen bonds']);
    // A plural before a title's next line, or before "whose", is still a noun.
    expect(phrases(['Optimal control of power systems\nThis paper studies them.'])).toContain('power systems');
    expect(phrases(['The characteristic polynomials whose coefficients vary.'])).toContain('characteristic polynomials');
  });

  it('leaves out a verb in -s before "what", "how" or an amount, and after a field of study in -ics', () => {
    expect(phrases(['The cell membrane controls what enters the cell.'])).toEqual(['cell membrane', 'cell']);
    expect(phrases(['A lab notebook costs $5 at the campus shop, and a calculator costs $20.'])).toEqual(['lab notebook', 'campus shop', 'calculator']);
    expect(phrases(['A human cell contains 46 chromosomes.'])).toEqual(['human cell', 'chromosomes']);
    expect(phrases(['Thermodynamics studies energy, heat and work in physical systems.'])).toEqual(['Thermodynamics', 'energy', 'heat', 'work', 'physical systems']);
    // A plural before "which" or "where" is still a noun, and so is one before its own number.
    expect(phrases(['Plant cells which divide grow.'])).toContain('Plant cells');
    expect(phrases(['Read the lecture notes 3 and 4 before Friday.'])).toContain('lecture notes');
    expect(phrases(['Do homework problems 1 through 10.'])).toContain('homework problems');
    // A plural in -ics agrees with a plural verb too.
    expect(phrases(['The statistics show a clear trend.'])).toEqual(['statistics', 'clear trend']);
  });

  it('leaves out a verb before a "that" clause, one joined to another verb, and one before an amount in words', () => {
    expect(phrases(['The cell theory states that all living things are made of cells.'])).toContain('cell theory');
    expect(phrases(['The cell theory states that all living things are made of cells.'])).not.toContain('cell theory states');
    expect(phrases(['In a hypotonic solution an animal cell swells and may burst.'])).toContain('animal cell');
    expect(phrases(['The Krebs cycle releases two molecules of carbon dioxide.'])).toEqual(['Krebs cycle', 'molecules', 'carbon dioxide']);
    // A plural before a relative "that" is still a noun, and so is one joined to another noun.
    expect(phrases(['The plant cells that divide quickly are found in meristems.'])).toContain('plant cells');
    expect(phrases(['Cells and tissues form organs.'])).toEqual(['Cells', 'tissues', 'organs']);
  });

  it('leaves out the verbs of a list that begins with a verb, and keeps a list of nouns whole', () => {
    // The tagger reads "sorts", "packages" and "store" as nouns.
    expect(phrases(['The Golgi apparatus modifies, sorts and packages proteins for transport.'])).toEqual(['Golgi apparatus', 'proteins', 'transport']);
    expect(phrases(['Mitochondria produce and store energy.'])).toEqual(['Mitochondria', 'energy']);
    expect(phrases(['Computers are used to store, process and retrieve information.'])).toEqual(['Computers', 'information']);
    // A list that begins with a noun, or whose verb is a participle, is a list of nouns.
    expect(phrases(['He buys apples, pears and oranges.'])).toEqual(['apples', 'pears', 'oranges']);
    expect(phrases(['The case is covered, and confidence intervals are derived.'])).toContain('confidence intervals');
    // A verb after a possessive, or one that disagrees with the noun before it, is a noun the tagger misread.
    expect(phrases(['We assume that their mean and variance are known.'])).toContain('variance');
    expect(phrases(['The effect depends on the input mean and variance of the signal.'])).toContain('variance');
    // A comma alone may end a clause.
    expect(phrases(['As these figures suggest, women are underrepresented.'])).toContain('women');
  });

  it('leaves out a verb in -s joined by "and" or a comma to another verb in -s, each with its object', () => {
    expect(phrases(['It uses oxygen and releases carbon dioxide and water.'])).toEqual(['oxygen', 'carbon dioxide', 'water']);
    expect(phrases(['The cycle releases carbon dioxide and loads the electron carriers.'])).toEqual(['cycle', 'carbon dioxide', 'electron carriers']);
    expect(phrases(['It passes electrons to oxygen, pumps protons across the membrane, and stops.'])).toContain('protons');
    expect(phrases(['Active transport moves substances against their concentration gradient and uses ATP.'])).toContain('substances');
    expect(phrases(['The endoplasmic reticulum folds proteins and makes lipids.'])).toEqual(['endoplasmic reticulum', 'proteins', 'lipids']);
    // Nouns stay nouns: after ", and" (a new clause), before "that" or a participle, and where the verb is the word before "and".
    expect(phrases(['The heart pumps blood, and veins carry the blood back.'])).toContain('veins');
    expect(phrases(['Techbridge provides experiences and resources that teach skills.'])).toContain('resources');
    expect(phrases(['He examines the business issues and costs involved in upgrades.'])).toContain('costs');
    expect(phrases(['We present future research directions\nThis study reviews and synthesizes research.'])).toContain('future research directions');
  });

  it('finds the verb of a clause that must have one: after "and" when the clause before has its verb, after "so that", and after a subordinate clause', () => {
    expect(phrases(['In prophase the chromosomes condense and the spindle forms.'])).toEqual(['prophase', 'chromosomes', 'spindle']);
    expect(phrases(['The chromatids are pulled apart, and in telophase a nuclear envelope forms around each set.'])).toContain('nuclear envelope');
    expect(phrases(['A vaccine shows the immune system an antigen so that memory cells form without disease.'])).toContain('memory cells');
    expect(phrases(['Before a cell divides, DNA polymerase copies each strand.'])).toEqual(['cell', 'DNA polymerase', 'strand']);
    // Objects joined by "and the", a list, and a phrase that only looks like a subordinate clause keep their nouns.
    expect(phrases(['It combines the wavelet packet and the total variation approaches.'])).toContain('total variation approaches');
    expect(phrases(['Cells contain the nucleus, ribosomes, and the cell membranes.'])).toContain('cell membranes');
    expect(phrases(['After mitosis, two daughter cells.'])).toContain('daughter cells');
    expect(phrases(['It is known as the plasma membranes of the cell.'])).toContain('plasma membranes');
  });

  it('reads an adjective alone in a list of nouns as a noun, unless its ending says it describes', () => {
    expect(phrases(['Plants need water, light, and carbon dioxide.'])).toEqual(['Plants', 'water', 'light', 'carbon dioxide']);
    expect(phrases(['Heat, light and sound are forms of energy.'])).toContain('light');
    expect(phrases(['It is useful for students of communication, electrical, computer science and physics.'])).not.toContain('electrical');
  });

  it('reads a number with letters glued to it as one word', () => {
    expect(phrases(['Bacteria have 70S ribosomes, smaller than ours.'])).toContain('70S ribosomes');
    expect(phrases(['Bacteria have 70S ribosomes, smaller than ours.'])).not.toContain('S ribosomes');
    // Not a number and a unit apart: "5 mm" stays two words, and no phrase ends in a number.
    expect(phrases(['The membrane is 5 nm thick.'])).not.toContain('5nm');
  });

  it('never lets a phrase cross a sentence or a title line', () => {
    const acrossSentences = phrases(['The controller reads sensor data', 'Engineers tune the controller.']);
    expect(acrossSentences).toContain('sensor data');
    expect(acrossSentences.some((phrase) => phrase.includes('data Engineers'))).toBe(false);
    const belowTitle = phrases(['Planning of construction projects\nEarthworks planning is a complex task.']);
    expect(belowTitle).toEqual(expect.arrayContaining(['construction projects', 'Earthworks planning']));
  });

  it('places each occurrence in its sentence at the position of its first word', () => {
    const occurrences = phraseOccurrences(['Neural networks learn from examples.', 'A neural network generalises well.']);
    expect(occurrences.slice(0, 3)).toEqual([
      { words: ['Neural', 'networks'], sentence: 0, position: 1 },
      { words: ['examples'], sentence: 0, position: 5 },
      { words: ['neural', 'network'], sentence: 1, position: 7 },
    ]);
  });

  it('keeps the classic pattern for the TF-IDF baseline', () => {
    expect(nounPhrases('Other fuzzy-logic controllers failed.')).toEqual(['Other fuzzy logic controllers']);
  });
});
