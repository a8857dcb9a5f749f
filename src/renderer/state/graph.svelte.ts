/**
 * The Graph screen's state: the stored knowledge graph with memory colours from the cards, what is shown
 * (level of detail, filters, the neighbourhood in focus), search, and the selected node.
 */
import { compareStrings } from '../../core/compare-strings';
import { emptyGraph, graphView, type GraphNode, type GraphView, type KnowledgeGraph } from '../../core/graph/knowledge-graph';
import { neighbourhood, filterView, topNodes, withoutInferredLinks } from '../../core/graph/level-of-detail';
import { conceptMemory, strengthAt, withMemory, type MemoryBand } from '../../core/graph/memory-state';
import { searchGraph, type SearchHit } from '../../core/graph/graph-search';
import { documentLabels } from '../../core/graph/document-labels';
import { expandConcept, type ExpansionSentence } from '../../core/graph/concept-sentences';
import { documentsMentioning } from '../../core/graph/concept-mentions';
import type { Positions } from '../components/graph/cytoscape-graph';
import type { CardRow, FocalDb } from '../db/focal-db';
import { readGraphRow, saveGraphPositions } from '../db/graph-row';
import type { ScheduleSettings } from './schedule-settings.svelte';

/** How many nodes the overview draws at first; "show more" adds this many again. */
export const DETAIL_STEP = 150;

/**
 * Changed documents from which the graph catches up in the background (after an import, or a new model's key
 * sentences), not when the Graph screen is next opened: each takes 20–50 ms, and opening it after 300 imported
 * notes waited seconds. Fewer are cheap enough to leave to the screen: catching up also writes the whole graph,
 * which holds the page for up to a second in a large library, and one file imported at a time should not cost that.
 */
export const BACKGROUND_CATCH_UP_MIN = 20;

/** Names as a reader expects them in a list: "Chapter 2" before "Chapter 10", "apple" beside "Apple". */
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export class GraphState {
  graph = $state.raw<KnowledgeGraph>(emptyGraph());
  positions = $state.raw<Positions>({});
  memory = $state.raw<Record<string, number | null>>({});
  cards = $state.raw<CardRow[]>([]);
  loaded = $state(false);
  /** While the stored graph takes in the documents imported or changed since it was last opened: how far it is. */
  catchingUp = $state<{ done: number; total: number } | null>(null);
  /**
   * Counts the catch-ups run in the background, and the changes another window told of: a Graph screen open
   * meanwhile loads the graph again when it moves.
   */
  caughtUp = $state(0);
  limit = $state(DETAIL_STEP);
  focus = $state<{ nodeId: string; hops: 1 | 2 } | null>(null);
  documentFilter = $state<string | null>(null);
  tagFilter = $state<string | null>(null);
  memoryFilter = $state<MemoryBand[]>([]);
  /** Whether the links the model inferred between notes are drawn (and followed by a focus); the notes' own links always are. */
  showInferred = $state(true);
  selected = $state<string | null>(null);
  query = $state('');
  /** A concept whose key sentences are drawn as nodes around it, on demand. */
  expansion = $state.raw<{ conceptId: string; sentences: ExpansionSentence[] } | null>(null);

  /** Everything with memory colours, before level of detail and filters. */
  full = $derived<GraphView>(withMemory(graphView(this.graph), this.memory));
  /** Whether a document, tag or memory filter is on. */
  filtered = $derived(Boolean(this.documentFilter || this.tagFilter) || this.memoryFilter.length > 0);
  /** Everything the filters allow, before level of detail and focus. */
  matching = $derived.by<GraphView>(() => {
    const linked = this.showInferred ? this.full : withoutInferredLinks(this.full);
    return this.filtered
      ? filterView(linked, {
          ...(this.documentFilter ? { documents: [this.documentFilter] } : {}),
          ...(this.tagFilter ? { tags: [this.tagFilter] } : {}),
          ...(this.memoryFilter.length > 0 ? { memory: this.memoryFilter } : {}),
        })
      : linked;
  });
  /** The matching nodes the size limit (or the focus) lets through, before any sentences are drawn. */
  private shown = $derived<GraphView>(this.focus ? neighbourhood(this.matching, this.focus.nodeId, this.focus.hops) : topNodes(this.matching, this.limit));
  /** What the canvas draws. */
  view = $derived.by<GraphView>(() => {
    const view = this.shown;
    if (this.expansion && view.nodes.some((n) => n.id === this.expansion!.conceptId)) {
      return expandConcept(view, this.expansion.conceptId, this.expansion.sentences, this.cards);
    }
    return view;
  });
  hits = $derived<SearchHit[]>(this.query.trim() ? searchGraph(this.full, this.query, 8) : []);
  /** Documents' names in lists: the title, with the file where titles are shared. */
  documentLabel = $derived(documentLabels(this.full.nodes));
  /** The documents in the order a person looks for them in a list: by name, as their language sorts (ties by id). */
  documents = $derived.by(() => {
    const name = (n: GraphNode) => this.documentLabel.get(n.id) ?? n.label;
    return this.full.nodes.filter((n) => n.kind === 'document').sort((a, b) => byName.compare(name(a), name(b)) || compareStrings(a.id, b.id));
  });
  tags = $derived([...new Set(this.full.nodes.flatMap((n) => n.tags))].sort());
  /** Matching nodes left out by the size limit: what "Show more" would add. Filtered-out nodes are not hidden, they do not match. */
  hiddenCount = $derived(Math.max(0, this.matching.nodes.length - this.shown.nodes.length));

  constructor(
    private readonly db: FocalDb,
    private readonly schedule: ScheduleSettings,
    private readonly now: () => number,
  ) {}

  /** The stored graph brought up to date; `catchingUp` says how far (the screen shows it if opened meanwhile). */
  private readRow(progress?: (done: number, total: number) => void) {
    return readGraphRow(this.db, {
      progress: (done, total) => {
        this.catchingUp = { done, total };
        progress?.(done, total);
      },
    }).finally(() => (this.catchingUp = null));
  }

  /**
   * Brings the stored graph up to date while the person does something else, when at least
   * BACKGROUND_CATCH_UP_MIN documents changed since it was last read. Whether it ran; `progress` as readGraphRow's.
   */
  async catchUpInBackground(progress?: (done: number, total: number) => void): Promise<boolean> {
    if ((await this.db.graphChanges.count()) < BACKGROUND_CATCH_UP_MIN) return false;
    await this.readRow(progress);
    this.caughtUp++;
    return true;
  }

  /** Another Focal window changed the library: an open Graph screen reads the graph again (and takes in its documents). */
  changedElsewhere(): void {
    this.caughtUp++;
  }

  async load(): Promise<void> {
    const [row, cards] = await Promise.all([
      this.readRow(),
      this.db.cards.toArray(),
    ]);
    const graph = row?.graph ?? emptyGraph();
    const scheduler = this.schedule.scheduler();
    const now = this.now();
    // Only studied cards say how well a concept is remembered; a concept with only new cards is "not studied yet".
    const ahead = strengthAt(now);
    this.memory = conceptMemory(graph, cards.filter((card) => card.state !== 'new' && !card.suspended), (card) => scheduler.retrievability(card, ahead));
    this.cards = cards;
    this.positions = row?.positions ?? {};
    this.graph = graph;
    this.loaded = true;
  }

  /** After the filters changed: closes the side panel if the selected node is no longer drawn. */
  /**
   * Makes a node the canvas leaves out drawn (a search finds every node, past the size limit and the filters): the
   * filters that hide it are cleared, then, if the overview still leaves it out, its neighbours are shown with it.
   */
  reveal(id: string): void {
    const drawn = () => this.view.nodes.some((n) => n.id === id);
    if (drawn() || !this.full.nodes.some((n) => n.id === id)) return;
    if (!this.matching.nodes.some((n) => n.id === id)) {
      this.documentFilter = null;
      this.tagFilter = null;
      this.memoryFilter = [];
    }
    if (!drawn()) this.focus = { nodeId: id, hops: 1 };
  }

  keepSelectionShown(): void {
    if (this.selected && !this.view.nodes.some((n) => n.id === this.selected)) this.deselect();
  }

  /** Closes the side panel: nothing selected, and the sentences drawn from it go too. */
  deselect(): void {
    this.selected = null;
    this.expansion = null;
  }

  /**
   * Keeps the overview's positions with those saved before, dropping the nodes the graph no longer has. Nothing is
   * written when nothing moved (the overview drawn again from its saved places).
   */
  async savePositions(positions: Positions): Promise<void> {
    const kept = Object.fromEntries(Object.entries({ ...this.positions, ...positions }).filter(([id]) => Object.hasOwn(this.graph.nodes, id)));
    if (samePositions(kept, this.positions)) return;
    this.positions = kept;
    await saveGraphPositions(this.db, this.positions);
  }

  /** The sentences that mention a concept node, in every document that has it. */
  private mentions(nodeKeys: readonly string[]): string[] {
    return nodeKeys.flatMap((key) =>
      (this.graph.keys[key]?.documents ?? []).flatMap((documentId) => this.graph.contributions[documentId]?.concepts.find((c) => c.key === key)?.sentenceIds ?? []),
    );
  }

  /** Card ids for "Study this": the cards on sentences that mention a concept of the node's neighbourhood. */
  cardsAround(nodeId: string, hops: 1 | 2): Set<string> {
    const around = neighbourhood(this.full, nodeId, hops);
    const sentences = new Set(around.nodes.filter((n) => n.kind === 'concept').flatMap((n) => this.mentions(n.keys)));
    const documents = new Set(nodeId.startsWith('document:') ? [nodeId.slice('document:'.length)] : []);
    return new Set(this.cards.filter((card) => sentences.has(card.sentenceId) || documents.has(card.documentId)).map((card) => card.id));
  }

  /** Draws (or hides) a concept's sentences as nodes around it. */
  async toggleSentences(conceptId: string): Promise<void> {
    if (this.expansion?.conceptId === conceptId) {
      this.expansion = null;
      return;
    }
    const rows = await this.db.sentences.bulkGet(this.sentencesOf(conceptId));
    const sentences = rows.filter((row) => row !== undefined).map(({ id, documentId, ordinal, text, salience }) => ({ id, documentId, ordinal, text, salience }));
    this.expansion = { conceptId, sentences };
  }

  /** The key sentences (document, sentence) of a concept node, for its side panel. */
  sentencesOf(nodeId: string): string[] {
    const node = this.graph.nodes[nodeId];
    return node?.kind === 'concept' ? [...new Set(this.mentions(node.keys))] : [];
  }

  /**
   * The other documents whose text uses a concept node's words, though the extractor did not pick it there, with
   * their names, how often, and the sentence of the first mention; read from the texts when asked (see concept-mentions.ts).
   */
  async mentionedElsewhere(nodeId: string): Promise<Array<{ documentId: string; label: string; count: number; sentenceId: string | null }>> {
    const node = this.graph.nodes[nodeId];
    if (node?.kind !== 'concept') return [];
    const found = documentsMentioning(node.label, await this.db.documentTexts.toArray(), new Set(node.documents));
    const rows = await this.db.documents.bulkGet(found.map((m) => m.documentId));
    return Promise.all(
      found.flatMap((mention, i) => {
        const row = rows[i];
        if (!row) return [];
        return [
          this.db.sentences
            .where('documentId')
            .equals(mention.documentId)
            .filter((s) => s.start <= mention.firstAt && mention.firstAt < s.end)
            .first()
            .then((sentence) => ({
              documentId: mention.documentId,
              count: mention.count,
              label: this.documentLabel.get(`document:${mention.documentId}`) ?? row.title,
              sentenceId: sentence?.id ?? null,
            })),
        ];
      }),
    );
  }
}

/** Whether two layouts put the same nodes in the same places (the canvas gives whole pixels). */
function samePositions(a: Positions, b: Positions): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((id) => Object.hasOwn(b, id) && a[id]!.x === b[id]!.x && a[id]!.y === b[id]!.y);
}
