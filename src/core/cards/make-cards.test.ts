import { describe, expect, it } from 'vitest';
import type { ConceptScore } from '../../shared/document';
import { type CardSourceDocument, type CardSourceSentence, GAP, canMakeCardFrom, cardText, findDefinition, makeCardFromSentence, makeCards, reconcileCards } from './make-cards';

const NOW = Date.UTC(2024, 0, 1);

function ids(prefix = 'card') {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

function sentence(id: string, text: string, over: Partial<CardSourceSentence> = {}): CardSourceSentence {
  return { id, text, section: ['Machine learning', 'Optimisation'], salience: 1, selected: true, ...over };
}

const concepts: ConceptScore[] = [
  { phrase: 'learning rate', score: 0.7, sentences: [1] },
  { phrase: 'gradient descent', score: 0.9, sentences: [0, 1] },
  { phrase: 'neural network', score: 0.5, sentences: [2] },
  { phrase: 'mitochondrion', score: 0.4, sentences: [] },
  { phrase: 'overfitting', score: 0.3, sentences: [] },
];

function doc(sentences: CardSourceSentence[], over: Partial<CardSourceDocument> = {}): CardSourceDocument {
  return { id: 'doc-1', sentences, concepts, ...over };
}

describe('making cards from key sentences', () => {
  it('hides the best-ranked concept the sentence mentions, whatever its case', () => {
    const cards = makeCards(doc([sentence('s1', 'The learning rate controls how far Gradient Descent moves on each step.')]), { now: NOW, newId: ids() });
    expect(cards).toEqual([
      {
        id: 'card-1',
        documentId: 'doc-1',
        sentenceId: 's1',
        key: 'cloze:s1',
        kind: 'cloze',
        manual: false,
        prompt: `The learning rate controls how far ${GAP} moves on each step.`,
        answer: 'Gradient Descent',
        sentence: 'The learning rate controls how far Gradient Descent moves on each step.',
        context: ['Machine learning', 'Optimisation'],
        concept: 'gradient descent',
        salience: 1,
        createdAt: NOW,
      },
    ]);
  });

  it('matches concepts on word boundaries only, and finds plural forms by stem', () => {
    const cards = makeCards(doc([sentence('s1', 'Deep neural networks overfit when subgradient descent runs too long.')]), { now: NOW, newId: ids() });
    expect(cards[0]).toMatchObject({ answer: 'neural networks', concept: 'neural network', prompt: `Deep ${GAP} overfit when subgradient descent runs too long.` });
  });

  it('varies the gap across a document: a concept blanked already gives way to another the sentence holds', () => {
    const cards = makeCards(
      doc([
        sentence('s1', 'Gradient descent follows the slope downhill.'),
        sentence('s2', 'Gradient descent with a small learning rate converges slowly.'),
        sentence('s3', 'Gradient descent trains a neural network.'),
        sentence('s4', 'Gradient descent is old.'),
      ]),
      { now: NOW, newId: ids() },
    ).filter((card) => card.kind === 'cloze');
    expect(cards.map((card) => card.answer)).toEqual(['Gradient descent', 'learning rate', 'neural network', 'Gradient descent']);
  });

  it('asks one concept at most three times in a document while its sentences hold anything else to ask', () => {
    const cards = makeCards(
      doc([
        sentence('s1', 'Gradient descent follows the slope downhill.'),
        sentence('s2', 'Gradient descent needs a differentiable loss.'),
        sentence('s3', 'Gradient descent can stall on plateaus.'),
        sentence('s4', 'Gradient descent converges slowly near saddles.'),
        sentence('s5', 'Gradient descent.'),
        sentence('s6', 'Gradient descent wins.'),
      ]),
      { now: NOW, newId: ids() },
    ).filter((card) => card.kind === 'cloze');
    const answers = cards.map((card) => card.answer);
    expect(answers.slice(0, 3)).toEqual(['Gradient descent', 'Gradient descent', 'Gradient descent']);
    expect(answers[3]).not.toBe('Gradient descent');
    expect(answers[3]).toMatch(/converges|slowly|saddles/);
    // A one-word concept is found as a word too; past its three, it is not asked again as a word.
    const mito = makeCards(
      doc(Array.from({ length: 5 }, (_, i) => sentence(`m${i}`, `The mitochondria of cell type ${i} burn glucose steadily.`, { why: [{ token: 'mitochondria', weight: 1 }, { token: 'glucose', weight: 0.5 }] })), {
        concepts: [{ phrase: 'mitochondria', score: 1, sentences: [0, 1, 2, 3, 4] }],
      }),
      { now: NOW, newId: ids() },
    ).map((card) => card.answer);
    expect(mito.filter((answer) => answer === 'mitochondria')).toHaveLength(3);
  });

  it('never blanks a word the rest of the sentence says again', () => {
    const cards = makeCards(doc([sentence('s1', 'Every neural network comes from an existing neural network, trained by gradient descent.')]), { now: NOW, newId: ids() });
    expect(cards[0]).toMatchObject({ answer: 'gradient descent' });
    const only = makeCards(doc([sentence('s1', 'A neural network feeds another neural network.')]), { now: NOW, newId: ids() });
    expect(only[0]!.answer.toLowerCase()).not.toBe('neural network');
  });

  it('makes a question card from a definition, besides the cloze', () => {
    const cards = makeCards(doc([sentence('s1', 'Gradient descent is an iterative method for finding a local minimum of a differentiable function.')]), {
      now: NOW,
      newId: ids(),
    });
    expect(cards.map((c) => c.kind)).toEqual(['cloze', 'qa']);
    expect(cards[0]!.prompt).toBe(`${GAP} is an iterative method for finding a local minimum of a differentiable function.`);
    expect(cards[1]).toMatchObject({
      key: 'qa:s1',
      prompt: 'What is gradient descent?',
      answer: 'an iterative method for finding a local minimum of a differentiable function',
      concept: 'gradient descent',
    });
  });

  it('recognises "refers to", "X: …" and "also called" definitions', () => {
    expect(findDefinition('Overfitting refers to a model that matches its training data too closely.', concepts)).toMatchObject({
      question: 'What is overfitting?',
      answer: 'a model that matches its training data too closely',
    });
    expect(findDefinition('Mitochondrion: the organelle that produces most of the cell’s ATP.', concepts)).toMatchObject({
      question: 'What is mitochondrion?',
      answer: 'the organelle that produces most of the cell’s ATP',
    });
    expect(findDefinition('Photosynthesis, also called carbon fixation, is the process by which plants turn light into sugar.', concepts)).toMatchObject({
      question: 'What is Photosynthesis?',
      answer: 'the process by which plants turn light into sugar',
    });
    expect(findDefinition('The learning rate, also known as the step size.', concepts)).toMatchObject({
      question: 'What is the learning rate also called?',
      term: 'learning rate',
      answer: 'the step size',
    });
    expect(findDefinition('Neural networks are a family of models loosely inspired by the brain.', concepts)).toMatchObject({
      question: 'What are neural networks?',
      concept: 'neural network',
    });
  });

  it('does not take ordinary sentences for definitions', () => {
    for (const text of [
      'It is a common mistake to stop training too early.',
      'This refers to the previous section.',
      'The results are a surprise to most readers.',
      'Note: run the script twice.',
      'Gradient descent is slow on plateaus.',
    ]) {
      expect(findDefinition(text, concepts), text).toBeNull();
    }
  });

  it('never hides half of a term joined by "_", "/", "." or "-": the half on show gives the other away', () => {
    const [snake] = makeCardFromSentence(doc([sentence('s1', 'Set file_name before saving.', { why: [{ token: 'name', weight: 1 }] })]), 0, { now: NOW, newId: ids() });
    expect(snake?.answer).not.toBe('name');
    const [slash] = makeCardFromSentence(doc([sentence('s1', 'Most traffic rides on TCP/IP networks today.', { why: [{ token: 'IP', weight: 0.9 }, { token: 'TCP', weight: 0.8 }] })]), 0, { now: NOW, newId: ids() });
    expect(['IP', 'TCP']).not.toContain(slash?.answer);
    const [dotted] = makeCardFromSentence(doc([sentence('s1', 'Servers often run node.js for speed.', { why: [{ token: 'node', weight: 1 }] })]), 0, { now: NOW, newId: ids() });
    expect(dotted?.answer).not.toBe('node');
    const [hyphen] = makeCardFromSentence(doc([sentence('s1', 'Antibody-mediated immunity protects the body.', { why: [{ token: 'mediated', weight: 1 }, { token: 'immunity', weight: 0.5 }] })]), 0, { now: NOW, newId: ids() });
    expect(hyphen?.answer).toBe('immunity');
    // A concept that spans the compound, and words only next to a sentence's own punctuation, are fine.
    const [whole] = makeCards(doc([sentence('s1', 'Gradient-descent steps shrink over time.')], { concepts: [{ phrase: 'gradient descent', score: 1, sentences: [0] }] }), { now: NOW, newId: ids() });
    expect(whole?.answer).toBe('Gradient-descent');
    const [plain] = makeCards(doc([sentence('s1', 'Slow training - as with gradient descent - is common.')]), { now: NOW, newId: ids() });
    expect(plain?.answer).toBe('gradient descent');
  });

  it('falls back to the most attended content word when no concept is mentioned', () => {
    const s = sentence('s1', 'Warm air rises because it is less dense than the air around it.', {
      why: [
        { token: 'because', weight: 0.4 },
        { token: 'it', weight: 0.3 },
        { token: 'dense', weight: 0.2 },
        { token: 'air', weight: 0.1 },
      ],
    });
    const [card] = makeCards(doc([s]), { now: NOW, newId: ids() });
    expect(card).toMatchObject({ kind: 'cloze', answer: 'dense', concept: null, prompt: `Warm air rises because it is less ${GAP} than the air around it.` });
  });

  it('asks for an adverb only when the sentence has nothing else to ask', () => {
    const [card] = makeCardFromSentence(doc([sentence('s1', 'During the Terror roughly 17,000 people were officially executed.', { why: undefined })]), 0, { now: NOW, newId: ids() });
    expect(card?.answer).toBe('executed');
    const [family] = makeCardFromSentence(doc([sentence('s1', 'Lions live in a family.', { why: undefined })]), 0, { now: NOW, newId: ids() });
    expect(family?.answer).toBe('family');
    const [only] = makeCardFromSentence(doc([sentence('s1', 'It happened remarkably quickly.', { why: undefined })]), 0, { now: NOW, newId: ids() });
    expect(only?.answer).toBe('happened');
  });

  it('hides the longest content word when there is neither a concept nor attention', () => {
    const [card] = makeCardFromSentence(doc([sentence('s1', 'Bees communicate through elaborate dances.', { why: undefined })]), 0, { now: NOW, newId: ids() });
    expect(card).toMatchObject({ answer: 'communicate', prompt: `Bees ${GAP} through elaborate dances.`, concept: null });
  });

  it('never makes an empty or whole-sentence gap', () => {
    const sentences = [
      sentence('whole', 'Gradient descent.'),
      sentence('nothing', 'It is so.'),
      sentence('too-short', 'Overfitting happens.', { why: [{ token: 'happens', weight: 1 }] }),
      sentence('fine', 'Overfitting happens on small datasets.'),
    ];
    const cards = makeCards(doc(sentences), { now: NOW, newId: ids() });
    for (const card of cards) {
      expect(card.answer.trim()).not.toBe('');
      expect(card.prompt).toContain(GAP);
      expect(card.prompt.replace(GAP, '').match(/\p{L}+/gu)!.length).toBeGreaterThanOrEqual(2);
    }
    expect(cards.map((c) => c.sentenceId)).toEqual(['fine']);
    expect(cards[0]!.answer).toBe('Overfitting');
  });

  it('makes cards only from key sentences, in document order', () => {
    const sentences = [
      sentence('s1', 'Gradient descent follows the negative gradient downhill.', { salience: 2 }),
      sentence('s2', 'Choosing the learning rate well matters a lot in practice.', { selected: false }),
      sentence('s3', 'A neural network stacks layers of simple units together.', { salience: 0.5 }),
    ];
    const cards = makeCards(doc(sentences), { now: NOW, newId: ids() });
    expect(cards.map((c) => [c.sentenceId, c.answer, c.salience])).toEqual([
      ['s1', 'Gradient descent', 2],
      ['s3', 'neural network', 0.5],
    ]);
  });

  it('shows the sentence before above a card whose sentence starts by pointing back at it', () => {
    const sentences = [
      sentence('s1', 'Gradient descent follows the negative gradient downhill.', { selected: false }),
      sentence('s2', 'It needs a learning rate that is neither too large nor too small.'),
      sentence('s3', 'These choices decide whether a neural network trains at all.', { section: ['Machine learning', 'Practice'] }),
      sentence('s4', 'A neural network stacks layers of simple units together.'),
    ];
    const cards = makeCards(doc(sentences), { now: NOW, newId: ids() });
    expect(cards.find((c) => c.sentenceId === 's2')?.leadIn).toBe('Gradient descent follows the negative gradient downhill.');
    // The sentence before sits in another section: it is not what "these" points at.
    expect(cards.find((c) => c.sentenceId === 's3')).not.toHaveProperty('leadIn');
    // A sentence that says what it is about needs nothing before it.
    expect(cards.find((c) => c.sentenceId === 's4')).not.toHaveProperty('leadIn');
    // A table row or a label before it says nothing of what "it" is.
    const afterTable = doc([sentence('t1', 'Left ventricle | Pumps blood to the body'), sentence('t2', 'These chambers contract in a fixed order every beat.'), sentence('t3', 'Valves'), sentence('t4', 'They keep the blood flowing one way only.')]);
    expect(makeCards(afterTable, { now: NOW, newId: ids() }).filter((c) => c.leadIn !== undefined)).toEqual([]);
    // Made by hand from the reader too.
    expect(makeCardFromSentence(doc(sentences), 1, { now: NOW, newId: ids() })[0]?.leadIn).toBe('Gradient descent follows the negative gradient downhill.');
  });

  it('asks the sentence without a list item’s number or bullet, or a footnote number printed against its first word', () => {
    expect(cardText('1. lists may also be nested in an outer list')).toBe('lists may also be nested in an outer list');
    expect(cardText('(b) the learning rate is halved every epoch')).toBe('the learning rate is halved every epoch');
    expect(cardText('iv) Gradient descent moves downhill.')).toBe('Gradient descent moves downhill.');
    expect(cardText('• Gradient descent moves downhill.')).toBe('Gradient descent moves downhill.');
    expect(cardText('1The current tagging markup for tables is temporary.')).toBe('The current tagging markup for tables is temporary.');
    expect(cardText('¹ The current tagging markup for tables is temporary.')).toBe('The current tagging markup for tables is temporary.');
    expect(cardText('²³The current tagging markup is temporary.')).toBe('The current tagging markup is temporary.');
    expect(cardText('It was described by Howard and Pelc.¹')).toBe('It was described by Howard and Pelc.');
    // An isotope's mass number is part of its name.
    for (const kept of ['¹⁴C dating measures the age of organic remains.', '²³⁵U is the fissile isotope of uranium.', '³H-thymidine labels dividing cells.']) expect(cardText(kept)).toBe(kept);
    // Numbers that belong to the sentence stay, as does a marker with little after it.
    for (const kept of ['2 people were hurt in the crash.', '3.5 million people voted.', '1980s computers were slow.', '1. Introduction', 'e.g. a neural network.', '3D printers build layer by layer.']) expect(cardText(kept)).toBe(kept);
    const [card] = makeCards(doc([sentence('s1', '2. The learning rate controls how far gradient descent moves.')]), { now: NOW, newId: ids() });
    expect(card).toMatchObject({ prompt: `The learning rate controls how far ${GAP} moves.`, sentence: 'The learning rate controls how far gradient descent moves.' });
  });

  it('hides concepts inside Chinese text by substring', () => {
    const zh = doc([sentence('z1', '光合作用是植物利用光能制造有机物的过程。')], { concepts: [{ phrase: '光合作用', score: 1, sentences: [0] }] });
    const [card] = makeCards(zh, { now: NOW, newId: ids() });
    expect(card).toMatchObject({ answer: '光合作用', prompt: `${GAP}是植物利用光能制造有机物的过程。` });
  });
});

describe('the reader’s "make a card"', () => {
  it('works on any sentence, key or not, and marks the card as made by hand', () => {
    const d = doc([sentence('s1', 'Intro text here.'), sentence('s2', 'The learning rate is the size of each update step.', { selected: false, salience: null })]);
    const cards = makeCardFromSentence(d, 1, { now: NOW, newId: ids() });
    expect(cards.map((c) => [c.kind, c.manual, c.answer, c.salience])).toEqual([
      ['cloze', true, 'learning rate', 0],
      ['qa', true, 'the size of each update step', 0],
    ]);
  });

  it('makes nothing from a sentence with nothing to ask, and says so beforehand', () => {
    expect(makeCardFromSentence(doc([sentence('s1', 'It is.')]), 0, { now: NOW, newId: ids() })).toEqual([]);
    expect(makeCardFromSentence(doc([]), 3, { now: NOW, newId: ids() })).toEqual([]);
    expect(canMakeCardFrom({ text: '" said Calder.' }, concepts)).toBe(false);
    expect(canMakeCardFrom({ text: 'It is.' }, concepts)).toBe(false);
    expect(canMakeCardFrom({ text: 'The learning rate is the size of each update step.' }, concepts)).toBe(true);
  });

  it('never puts the gap inside a note’s maths: TeX command names are no words', () => {
    const text = 'The overall equation is $C_6H_{12}O_6 + 6O_2 \\rightarrow 6CO_2 + 6H_2O$.';
    const [card] = makeCardFromSentence(doc([sentence('s1', text)]), 0, { now: NOW, newId: ids() });
    expect(card?.answer).toBe('equation');
    expect(card?.prompt).toBe(`The overall ${GAP} is $C_6H_{12}O_6 + 6O_2 \\rightarrow 6CO_2 + 6H_2O$.`);
    // Only maths and a word or two: nothing fair to ask.
    expect(canMakeCardFrom({ text: 'Hence $\\frac{dy}{dx} = \\lim_{h \\to 0} \\frac{f(x+h)-f(x)}{h}$.' }, [])).toBe(false);
  });
});

describe('re-importing a document', () => {
  it('keeps the cards of surviving sentences, adds cards for new ones, reports those that lost their sentence', () => {
    const before = doc([sentence('s1', 'Gradient descent follows the slope downhill.'), sentence('s2', 'Overfitting refers to memorising noise in the data.')]);
    const existing = makeCards(before, { now: NOW, newId: ids('old') });
    const after = doc([sentence('s1', 'Gradient descent follows the slope downhill.'), sentence('s3', 'A neural network learns features from raw data.')]);
    const fresh = makeCards(after, { now: NOW + 1, newId: ids('new') });

    const plan = reconcileCards(existing, fresh, new Set(['s1', 's3']));
    expect(plan.kept.map((c) => c.id)).toEqual(['old-1']);
    expect(plan.added.map((c) => c.key)).toEqual(['cloze:s3']);
    expect(plan.removed.map((c) => c.key)).toEqual(['cloze:s2', 'qa:s2']);
  });
});
