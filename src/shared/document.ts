/** A parsed document as main hands it to the renderer for storage: text, sections and sentences. */
export type DocumentFormat = 'markdown' | 'text' | 'pdf' | 'html' | 'docx' | 'epub';

export interface ParsedSection {
  /** Heading titles from the top level down to this section. */
  path: string[];
  level: number;
  /** Offsets of the heading in `text`. */
  start: number;
  end: number;
  page: number | null;
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
  tags: string[];
  warnings: string[];
}
