/** A parsed document as main hands it to the renderer for storage: text, sections and sentences. */
export type DocumentFormat = 'markdown' | 'text' | 'pdf' | 'html' | 'docx' | 'epub' | 'canvas';
/** What a library document came from: a file Focal reads, or a deck imported from Anki. */
export type LibraryFormat = DocumentFormat | 'anki';

export interface ParsedSection {
  /** Heading titles from the top level down to this section. */
  path: string[];
  level: number;
  /** Offsets of the heading in `text`. */
  start: number;
  end: number;
  page: number | null;
}

/**
 * Where a text shows a link to another note ([[Cells|the cell]], [the cell](Cells.md)): its offsets, end exclusive,
 * and the note it names as written, with `#` and the heading it opens at when it names one ("Cells#Mitosis"; a
 * heading of the same note alone: "#Mitosis").
 */
export interface TextLink {
  start: number;
  end: number;
  target: string;
}

/** A block a link can name (Obsidian's `^id` at the end of a paragraph, `[[Note#^id]]`): where it starts in the text. */
export interface BlockAnchor {
  id: string;
  start: number;
}

export interface ParsedSentence {
  text: string;
  /** The section path it sits under (empty before the first heading). */
  section: string[];
  page: number | null;
  /** Offsets in the document's `text`, end exclusive. */
  start: number;
  end: number;
  /** Stable identity across re-imports: the same sentence text gets the same hash. */
  hash: string;
}

export interface ParsedDocument {
  title: string;
  format: DocumentFormat;
  /** BCP 47 language of most of the text ('en', 'zh', 'ja', …; 'und' when unknown). */
  language: string;
  sourceName: string;
  byteSize: number;
  /** SHA-256 of the file's bytes: how a re-import of the very same file is recognised. */
  contentHash: string;
  pageCount: number | null;
  /** The whole text: blocks joined by blank lines; every offset points into it. */
  text: string;
  sections: ParsedSection[];
  sentences: ParsedSentence[];
  links: string[];
  /** Where `text` shows each link, for the reader to make clickable; absent when there are none. */
  linkSpans?: TextLink[];
  /** Where the blocks that links can name by id start; absent when there are none. */
  blockAnchors?: BlockAnchor[];
  tags: string[];
  /** Other names a note is linked by (front matter's `aliases`); absent when none, and on documents stored before it. */
  aliases?: string[];
  warnings: string[];
  /** The attention model's reading, when it ran. */
  analysis?: DocumentAnalysis;
}

/** What the attention model found in a document: salience per sentence, the key sentences, the concepts. */
export interface DocumentAnalysis {
  /** Which execution provider ran the model ('cuda', 'cpu', …). */
  provider: string;
  /** Share of tokens the word vectors know; below about 0.6 the app says quality is reduced. */
  knownTokenShare: number;
  reducedQuality: boolean;
  /** One per sentence, in document order. */
  sentences: SentenceAnalysis[];
  concepts: ConceptScore[];
}

export interface SentenceAnalysis {
  /** The model's score (a logit: higher matters more). */
  salience: number;
  selected: boolean;
  /** For key sentences: the attention its words got when the sentence was read ("why this sentence?"). */
  why?: Array<{ token: string; weight: number }>;
}

export interface ConceptScore {
  phrase: string;
  score: number;
  /** Indices of the sentences that mention it. */
  sentences: number[];
  /** The phrase's word vector (sum of its words' vectors), for linking close concepts across documents. */
  vector?: number[];
}
