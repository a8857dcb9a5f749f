/**
 * Building the knowledge graph one document at a time. `addDocument` adds what a document supports and
 * `removeDocument` takes away what only it supported; both return a new graph and leave their input alone.
 * The graph is a function of the set of documents: any order of adds, and any add followed by its remove,
 * gives exactly (bit for bit) the graph built from the documents that remain. That holds because every
 * derived value is recomputed from the support in a fixed order (document ids and keys sorted, ties broken
 * by id), never accumulated in the order documents arrived.
 *
 * Derived parts and the rules that keep them a function of the set:
 * - concept nodes: the connected components of "same conceptKey, or embeddings ≥ mergeMinCosine" (single
 *   linkage); a node is named after its smallest key. Only components touching a changed key are regrouped.
 * - `nearest`: each concept's best `inferredPerConcept` concepts with no document in common and similarity
 *   ≥ inferredMinCosine; kept exact by rescanning only the concepts whose list lost a member, and offering
 *   every other concept the changed ones.
 * - `similar` edges: a pair is linked when each end lists the other (mutual nearest neighbours). Linked when
 *   either end did, a generic concept ("change", "energy") was listed by dozens and became a hub of noisy links.
 */
import { SimilarityIndex, compareNeighbours, disjoint, withNeighbour } from './concept-similarity';
import {
  type ConceptKeyState,
  type DocumentContribution,
  type GraphEdge,
  type GraphNode,
  type GraphThresholds,
  type KnowledgeGraph,
  type Neighbour,
  conceptNodeId,
  directedEdgeId,
  documentNodeId,
  emptyGraph,
  GRAPH_VERSION,
  undirectedEdgeId,
} from './knowledge-graph';
import { LinkIndex } from './wikilinks';
import { compareStrings } from '../compare-strings';

const positive = (x: number) => (x > 0 ? x : 0);

export function buildGraph(contributions: readonly DocumentContribution[], thresholds: Partial<GraphThresholds> = {}): KnowledgeGraph {
  const work = open(emptyGraph(thresholds), false);
  for (const contribution of contributions) {
    if (work.graph.contributions[contribution.documentId]) detach(work, contribution.documentId);
    attach(work, contribution);
  }
  return close(work);
}

/** The graph with the document's contribution; a document already in the graph is replaced. */
export function addDocument(graph: KnowledgeGraph, contribution: DocumentContribution): KnowledgeGraph {
  const editor = graphEditor(graph);
  editor.set(contribution.documentId, contribution);
  return editor.finish();
}

/** Changes a copy of a graph document by document (see graphEditor). */
export interface GraphEditor {
  /** Puts the document's new contribution in the graph, or takes it out (null: the document is gone). */
  set(documentId: string, contribution: DocumentContribution | null): void;
  /** The changed graph; the editor is spent. */
  finish(): KnowledgeGraph;
}

/**
 * For many changes in a row, made a few at a time (the stored graph catching up with hundreds of imports, with
 * the page drawn in between): one copy of the graph and one set of indexes for the lot, where addDocument would
 * copy the graph for each document. The input graph is left alone.
 */
export function graphEditor(graph: KnowledgeGraph): GraphEditor {
  let work: Workspace | null = open(graph, true);
  const spent = () => new Error('This graph editor has finished');
  return {
    set(documentId, contribution) {
      if (!work) throw spent();
      if (work.graph.contributions[documentId]) detach(work, documentId);
      if (contribution) attach(work, contribution);
    },
    finish() {
      if (!work) throw spent();
      const result = close(work);
      work = null;
      return result;
    },
  };
}

/** The graph without what only this document supported; the same graph when it is not there. */
export function removeDocument(graph: KnowledgeGraph, documentId: string): KnowledgeGraph {
  if (!graph.contributions[documentId]) return graph;
  const editor = graphEditor(graph);
  editor.set(documentId, null);
  return editor.finish();
}

/** A graph being changed, with the indexes that make its scans fast. */
interface Workspace {
  graph: KnowledgeGraph;
  index: SimilarityIndex;
  /** Node id → ids of the edges that touch it. */
  incident: Map<string, Set<string>>;
  /** The documents by the names their links find them by. */
  links: LinkIndex;
}

/**
 * The indexes of the graphs these functions returned, derived data only. A call takes its input's indexes
 * (the input keeps none) and hands them to its result, so a graph used twice just rebuilds them. They assume
 * a returned graph is never changed in place: treat it as immutable (in Svelte, keep it in `$state.raw`).
 */
const indexes = new WeakMap<KnowledgeGraph, Omit<Workspace, 'graph'>>();

function open(input: KnowledgeGraph, copy: boolean): Workspace {
  const cached = indexes.get(input);
  indexes.delete(input);
  const graph = copy ? writableCopy(input) : input;
  if (cached) return { graph, ...cached };
  const index = new SimilarityIndex();
  for (const key of Object.keys(graph.keys).sort(compareStrings)) index.set(key, keyVector(graph, graph.keys[key]!));
  const incident = new Map<string, Set<string>>();
  for (const edge of Object.values(graph.edges)) addIncident(incident, edge);
  const links = new LinkIndex();
  for (const contribution of Object.values(graph.contributions)) links.add(contribution.documentId, contribution);
  return { graph, index, incident, links };
}

function close(work: Workspace): KnowledgeGraph {
  indexes.set(work.graph, { index: work.index, incident: work.incident, links: work.links });
  return work.graph;
}

/** Fresh top-level records; the entries are shared and are only ever replaced, never changed in place. */
function writableCopy(graph: KnowledgeGraph): KnowledgeGraph {
  return {
    version: GRAPH_VERSION,
    thresholds: graph.thresholds,
    contributions: copyRecord(graph.contributions),
    keys: copyRecord(graph.keys),
    nodes: copyRecord(graph.nodes),
    edges: copyRecord(graph.edges),
    nearest: copyRecord(graph.nearest),
  };
}

/** A shallow copy; a plain loop is about twice as fast as spread on records of thousands of keys. */
function copyRecord<T>(record: Record<string, T>): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const key in record) copy[key] = record[key]!;
  return copy;
}

function keyVector(graph: KnowledgeGraph, state: ConceptKeyState): number[] | null {
  if (state.vectorFrom === null) return null;
  return graph.contributions[state.vectorFrom]?.concepts.find((c) => c.key === state.key)?.vector ?? null;
}

/** How one key of the changed document changed: its state before, and whether its vector is another now. */
interface KeyChange {
  key: string;
  before: ConceptKeyState | undefined;
  vectorChanged: boolean;
}

function addIncident(incident: Map<string, Set<string>>, edge: GraphEdge): void {
  for (const end of [edge.source, edge.target]) {
    let set = incident.get(end);
    if (!set) incident.set(end, (set = new Set()));
    set.add(edge.id);
  }
}

function putEdge(work: Workspace, edge: GraphEdge): void {
  work.graph.edges[edge.id] = edge;
  addIncident(work.incident, edge);
}

function dropEdge(work: Workspace, id: string): void {
  const edge = work.graph.edges[id];
  if (!edge) return;
  delete work.graph.edges[id];
  for (const end of [edge.source, edge.target]) {
    const set = work.incident.get(end);
    set?.delete(id);
    if (set?.size === 0) work.incident.delete(end);
  }
}

function attach(work: Workspace, contribution: DocumentContribution): void {
  const { graph } = work;
  const id = contribution.documentId;
  const previousVectors = contribution.concepts.map((c) => (graph.keys[c.key] ? keyVector(graph, graph.keys[c.key]!) : null));
  graph.contributions[id] = contribution;
  const changes = contribution.concepts.map((concept, i): KeyChange => {
    const previous = graph.keys[concept.key];
    const support = { ...previous?.support, [id]: { phrase: concept.phrase, score: concept.score } };
    const state = keyState(graph, concept.key, support, previous?.node ?? '');
    graph.keys[concept.key] = state;
    const vector = keyVector(graph, state);
    const vectorChanged = !sameVector(previousVectors[i]!, vector);
    if (!previous || vectorChanged) work.index.set(concept.key, vector);
    return { key: concept.key, before: previous, vectorChanged };
  });
  graph.nodes[documentNodeId(id)] = documentNode(contribution);
  update(work, contribution, changes);
  linkDocument(work, contribution);
}

function detach(work: Workspace, documentId: string): void {
  const { graph } = work;
  const contribution = graph.contributions[documentId]!;
  const previousVectors = contribution.concepts.map((c) => keyVector(graph, graph.keys[c.key]!));
  delete graph.contributions[documentId];
  const changes = contribution.concepts.map((concept, i): KeyChange => {
    const previous = graph.keys[concept.key]!;
    const { [documentId]: _gone, ...support } = previous.support;
    if (Object.keys(support).length === 0) {
      delete graph.keys[concept.key];
      work.index.set(concept.key, null);
      return { key: concept.key, before: previous, vectorChanged: true };
    }
    const state = keyState(graph, concept.key, support, previous.node);
    graph.keys[concept.key] = state;
    const vector = keyVector(graph, state);
    const vectorChanged = !sameVector(previousVectors[i]!, vector);
    if (vectorChanged) work.index.set(concept.key, vector);
    return { key: concept.key, before: previous, vectorChanged };
  });
  const nodeId = documentNodeId(documentId);
  delete graph.nodes[nodeId];
  for (const edgeId of [...(work.incident.get(nodeId) ?? [])]) dropEdge(work, edgeId);
  update(work, contribution, changes);
  work.links.remove(documentId, contribution);
  relink(work, work.links.linkingTo(contribution));
}

/**
 * A key's label is the phrase most of its documents use (then the higher summed score, then the first
 * alphabetically); its vector is that phrase's from the first document by id that gave one (else any
 * document's, first by id).
 */
function keyState(graph: KnowledgeGraph, key: string, support: ConceptKeyState['support'], node: string): ConceptKeyState {
  const documents = Object.keys(support).sort(compareStrings);
  const tally = new Map<string, { count: number; score: number }>();
  for (const documentId of documents) {
    const { phrase, score } = support[documentId]!;
    const entry = tally.get(phrase) ?? { count: 0, score: 0 };
    entry.count++;
    entry.score += score;
    tally.set(phrase, entry);
  }
  const label = [...tally.entries()].sort(([pa, a], [pb, b]) => b.count - a.count || b.score - a.score || compareStrings(pa, pb))[0]![0];
  const givesVector = (documentId: string) => !!graph.contributions[documentId]!.concepts.find((c) => c.key === key)?.vector;
  const vectorFrom =
    documents.find((documentId) => support[documentId]!.phrase === label && givesVector(documentId)) ?? documents.find(givesVector) ?? null;
  return { key, documents, support, label, vectorFrom, node };
}

function sameVector(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Brings nodes, edges and nearest lists in line after the keys of `contribution` changed. */
function update(work: Workspace, contribution: DocumentContribution, changes: readonly KeyChange[]): void {
  const { graph, index } = work;
  const { mergeMinCosine } = graph.thresholds;
  const seeds: string[] = [];
  const dirtyNodes = new Set<string>();
  for (const { key, before, vectorChanged } of changes) {
    if (!before) seeds.push(key);
    else if (vectorChanged) {
      if (graph.keys[key]) seeds.push(key);
      dirtyNodes.add(before.node);
    }
  }

  // Regroup: the keys of every node a changed key was in or now reaches, split into components afresh.
  const pool = new Set<string>(seeds);
  const addNode = (nodeId: string) => {
    for (const key of graph.nodes[nodeId]?.keys ?? []) if (graph.keys[key]) pool.add(key);
  };
  for (const nodeId of dirtyNodes) addNode(nodeId);
  for (const seed of seeds) {
    const row = index.row(seed);
    if (!row) continue;
    for (let slot = 0; slot < row.length; slot++) {
      const key = index.keys[slot]!;
      if (row[slot]! < mergeMinCosine || key === '' || pool.has(key)) continue;
      dirtyNodes.add(graph.keys[key]!.node);
      addNode(graph.keys[key]!.node);
    }
  }
  const components = componentsOf([...pool].sort(compareStrings), index, mergeMinCosine);

  const previousKeys = new Map<string, string[]>();
  for (const nodeId of dirtyNodes) previousKeys.set(nodeId, graph.nodes[nodeId]?.keys ?? []);
  const seedSet = new Set(seeds);
  const rebuilt = new Map<string, readonly string[]>();
  const changedVectors = new Set<string>(dirtyNodes);
  for (const keys of components) {
    const nodeId = conceptNodeId(keys[0]!);
    rebuilt.set(nodeId, keys);
    for (const key of keys) if (graph.keys[key]!.node !== nodeId) graph.keys[key] = { ...graph.keys[key]!, node: nodeId };
    const old = previousKeys.get(nodeId);
    if (!old || old.join('\n') !== keys.join('\n') || keys.some((k) => seedSet.has(k))) changedVectors.add(nodeId);
    else changedVectors.delete(nodeId);
  }
  const inDocument = new Set<string>();
  for (const concept of contribution.concepts) {
    const state = graph.keys[concept.key];
    if (!state) continue;
    inDocument.add(state.node);
    if (!rebuilt.has(state.node)) rebuilt.set(state.node, graph.nodes[state.node]!.keys);
  }
  const removed = new Set([...dirtyNodes].filter((nodeId) => !rebuilt.has(nodeId)));
  // Concepts that list a changed one among their nearest are the only others whose lists can lose a member. (Not
  // read from the similar edges: an edge needs both ends to list each other, a list only one.)
  const changed = new Set([...removed, ...rebuilt.keys()]);
  const listedWith = new Set<string>();
  for (const [nodeId, list] of Object.entries(graph.nearest)) if (list.some((n) => changed.has(n.id))) listedWith.add(nodeId);
  for (const nodeId of changed) {
    for (const edgeId of [...(work.incident.get(nodeId) ?? [])]) {
      if (graph.edges[edgeId]!.kind === 'links-to') continue;
      dropEdge(work, edgeId);
    }
  }
  for (const nodeId of removed) {
    delete graph.nodes[nodeId];
    delete graph.nearest[nodeId];
  }
  for (const [nodeId, keys] of rebuilt) graph.nodes[nodeId] = conceptNode(graph, nodeId, keys);

  conceptEdges(work, new Set(rebuilt.keys()));
  updateNearest(work, { rebuilt: new Set(rebuilt.keys()), removed, changedVectors, inDocument, listedWith });
}

/** Connected components of "embeddings ≥ threshold" among `keys` (sorted), each sorted. */
function componentsOf(keys: readonly string[], index: SimilarityIndex, threshold: number): string[][] {
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      if (index.similarity(keys[i]!, keys[j]!) < threshold) continue;
      const ri = find(i);
      const rj = find(j);
      if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  }
  const groups = new Map<number, string[]>();
  keys.forEach((key, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(key);
    else groups.set(root, [key]);
  });
  return [...groups.values()];
}

/** Tags of the documents, in their order: one spelling per tag (the first), sorted without case. */
function tagsOf(tagLists: ReadonlyArray<readonly string[]>): string[] {
  const tags = new Map<string, string>();
  for (const list of tagLists) {
    for (const tag of list) {
      const key = tag.toLowerCase();
      if (!tags.has(key)) tags.set(key, tag);
    }
  }
  return [...tags.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, tag]) => tag);
}

function conceptNode(graph: KnowledgeGraph, id: string, keys: readonly string[]): GraphNode {
  let weight = 0;
  let labelKey = keys[0]!;
  let labelWeight = -1;
  const documents = new Set<string>();
  for (const key of keys) {
    const state = graph.keys[key]!;
    let keyWeight = 0;
    for (const documentId of state.documents) {
      keyWeight += positive(state.support[documentId]!.score);
      documents.add(documentId);
    }
    weight += keyWeight;
    if (keyWeight > labelWeight) {
      labelWeight = keyWeight;
      labelKey = key;
    }
  }
  const sorted = [...documents].sort(compareStrings);
  return {
    id,
    kind: 'concept',
    label: graph.keys[labelKey]!.label,
    weight,
    documents: sorted,
    tags: tagsOf(sorted.map((d) => graph.contributions[d]!.tags)),
    keys: [...keys],
  };
}

function documentNode(contribution: DocumentContribution): GraphNode {
  let weight = 0;
  for (const concept of contribution.concepts) weight += positive(concept.score);
  return {
    id: documentNodeId(contribution.documentId),
    kind: 'document',
    label: contribution.title.trim() || contribution.sourceName,
    weight,
    documents: [contribution.documentId],
    tags: tagsOf([contribution.tags]),
    keys: [],
    sourceName: contribution.sourceName,
  };
}

/** `mentions` and `co-occurs` edges of the rebuilt concept nodes, from the documents that support them. */
function conceptEdges(work: Workspace, rebuilt: ReadonlySet<string>): void {
  const { graph } = work;
  const documents = new Set<string>();
  for (const nodeId of rebuilt) for (const documentId of graph.nodes[nodeId]!.documents) documents.add(documentId);
  const cooccurring = new Map<string, { a: string; b: string; perDocument: Map<string, number> }>();
  for (const documentId of [...documents].sort(compareStrings)) {
    const contribution = graph.contributions[documentId]!;
    const mentions = new Map<string, number>();
    for (const concept of contribution.concepts) {
      const nodeId = graph.keys[concept.key]!.node;
      if (rebuilt.has(nodeId)) mentions.set(nodeId, (mentions.get(nodeId) ?? 0) + positive(concept.score));
    }
    const source = documentNodeId(documentId);
    for (const [nodeId, weight] of mentions) {
      const id = directedEdgeId('mentions', source, nodeId);
      putEdge(work, { id, kind: 'mentions', source, target: nodeId, weight, inferred: false, directed: true, documents: [documentId] });
    }
    for (const pair of contribution.pairs) {
      const a = graph.keys[pair.a]!.node;
      const b = graph.keys[pair.b]!.node;
      if (a === b || (!rebuilt.has(a) && !rebuilt.has(b))) continue;
      const id = undirectedEdgeId('co-occurs', a, b);
      let entry = cooccurring.get(id);
      if (!entry) cooccurring.set(id, (entry = { a: a < b ? a : b, b: a < b ? b : a, perDocument: new Map<string, number>() }));
      entry.perDocument.set(documentId, (entry.perDocument.get(documentId) ?? 0) + pair.weight);
    }
  }
  for (const [id, { a, b, perDocument }] of cooccurring) {
    let weight = 0;
    for (const w of perDocument.values()) weight += w;
    putEdge(work, { id, kind: 'co-occurs', source: a, target: b, weight, inferred: false, directed: false, documents: [...perDocument.keys()] });
  }
}

/**
 * `links-to` edges from the new document's wikilinks, and again from every document with a link that its names
 * or title may answer: its file name or an alias can take such a link from a document that only had the title.
 */
function linkDocument(work: Workspace, contribution: DocumentContribution): void {
  work.links.add(contribution.documentId, contribution);
  relink(work, new Set([contribution.documentId, ...work.links.linkingTo(contribution)]));
}

/** Each document's `links-to` edges, made again from its links as they resolve now. */
function relink(work: Workspace, documentIds: Iterable<string>): void {
  for (const from of documentIds) {
    const contribution = work.graph.contributions[from];
    if (!contribution) continue;
    const source = documentNodeId(from);
    for (const edgeId of [...(work.incident.get(source) ?? [])]) {
      const edge = work.graph.edges[edgeId]!;
      if (edge.kind === 'links-to' && edge.source === source) dropEdge(work, edgeId);
    }
    for (const link of contribution.links) for (const to of work.links.resolve(link, contribution.sourceName)) if (to !== from) setLink(work, from, to);
  }
}

function setLink(work: Workspace, from: string, to: string): void {
  const source = documentNodeId(from);
  const target = documentNodeId(to);
  const id = directedEdgeId('links-to', source, target);
  putEdge(work, { id, kind: 'links-to', source, target, weight: 1, inferred: false, directed: true, documents: [from, to].sort(compareStrings) });
}

/**
 * One node's nearest list from a scan of every key, and the similarities found on the way (every concept
 * found for the scanned one is offered back to it, since similarity is symmetric).
 */
function scanNearest(work: Workspace, nodeId: string, offers: Map<string, Neighbour[]> | null): Neighbour[] {
  const { graph, index } = work;
  const { inferredMinCosine, inferredPerConcept } = graph.thresholds;
  const node = graph.nodes[nodeId]!;
  const rows = node.keys.flatMap((key) => index.row(key) ?? []);
  if (rows.length === 0) return [];
  const best = new Map<string, number>();
  const own = new Set(node.keys);
  for (let slot = 0; slot < index.size; slot++) {
    let similarity = rows[0]![slot]!;
    for (let r = 1; r < rows.length; r++) if (rows[r]![slot]! > similarity) similarity = rows[r]![slot]!;
    if (similarity < inferredMinCosine) continue;
    const key = index.keys[slot]!;
    if (key === '' || own.has(key)) continue;
    const other = graph.keys[key]!.node;
    if (similarity <= (best.get(other) ?? -Infinity)) continue;
    if (!disjoint(node.documents, graph.nodes[other]!.documents)) continue;
    best.set(other, similarity);
  }
  const found = [...best.entries()].map(([id, similarity]) => ({ id, similarity }));
  if (offers) {
    for (const { id, similarity } of found) {
      const list = offers.get(id);
      if (list) list.push({ id: nodeId, similarity });
      else offers.set(id, [{ id: nodeId, similarity }]);
    }
  }
  return found.sort(compareNeighbours).slice(0, inferredPerConcept);
}

/** Similarity of two concept nodes: the closest pair of their keys (−∞ when either has no vector). */
function nodeSimilarity(index: SimilarityIndex, a: GraphNode, b: GraphNode): number {
  let best = -Infinity;
  for (const u of a.keys) for (const v of b.keys) best = Math.max(best, index.similarity(u, v));
  return best;
}

interface NearestChange {
  rebuilt: ReadonlySet<string>;
  removed: ReadonlySet<string>;
  /** Nodes whose keys or vectors changed (including removed ones): their similarities to everything may differ. */
  changedVectors: ReadonlySet<string>;
  /** Nodes of the changed document's keys: the only ones whose documents, and so eligibility, changed. */
  inDocument: ReadonlySet<string>;
  /** Nodes whose nearest list holds a rebuilt or removed node. */
  listedWith: ReadonlySet<string>;
}

/**
 * Keeps every nearest list equal to a fresh scan. A list can only change if it lost a member (a changed or
 * removed node, or one that now shares a document), if a changed node is now close enough, or if two of the
 * document's concepts stopped sharing a document; only those lists are looked at.
 */
function updateNearest(work: Workspace, change: NearestChange): void {
  const { graph, index } = work;
  const { rebuilt, removed, changedVectors, inDocument, listedWith } = change;
  const { inferredMinCosine, inferredPerConcept } = graph.thresholds;
  const offers = new Map<string, Neighbour[]>();
  const previous = new Map<string, Neighbour[]>();
  for (const nodeId of rebuilt) {
    if (!changedVectors.has(nodeId)) continue;
    previous.set(nodeId, graph.nearest[nodeId] ?? []);
    graph.nearest[nodeId] = scanNearest(work, nodeId, offers);
  }
  const candidates = new Set([...listedWith, ...offers.keys(), ...inDocument, ...rebuilt]);
  for (const nodeId of candidates) {
    if ((changedVectors.has(nodeId) && rebuilt.has(nodeId)) || !graph.nearest[nodeId]) continue;
    const node = graph.nodes[nodeId]!;
    const list = graph.nearest[nodeId]!;
    const lost = list.some(
      (n) =>
        changedVectors.has(n.id) ||
        !graph.nodes[n.id] ||
        (inDocument.has(nodeId) && inDocument.has(n.id) && !disjoint(node.documents, graph.nodes[n.id]!.documents)),
    );
    let next = list;
    if (lost) next = scanNearest(work, nodeId, null);
    else {
      for (const offer of offers.get(nodeId) ?? []) next = withNeighbour(next, offer, inferredPerConcept);
      if (inDocument.has(nodeId)) {
        // A removed document can leave two of its concepts with no document in common: offer them to each other.
        for (const otherId of inDocument) {
          if (otherId === nodeId || changedVectors.has(otherId) || next.some((n) => n.id === otherId)) continue;
          const other = graph.nodes[otherId]!;
          if (!disjoint(node.documents, other.documents)) continue;
          const similarity = nodeSimilarity(index, node, other);
          if (similarity >= inferredMinCosine) next = withNeighbour(next, { id: otherId, similarity }, inferredPerConcept);
        }
      }
    }
    if (next !== list) {
      previous.set(nodeId, list);
      graph.nearest[nodeId] = next;
    }
  }

  const changedLists = new Set<string>();
  for (const [nodeId, list] of previous) {
    const next = graph.nearest[nodeId]!;
    if (list.length !== next.length || list.some((n, i) => n.id !== next[i]!.id || n.similarity !== next[i]!.similarity)) changedLists.add(nodeId);
  }
  // Drop the edges of lists that changed; the other end may still list this node, so it is looked at again.
  const recheck = new Set<string>();
  for (const nodeId of changedLists) {
    for (const n of previous.get(nodeId)!) {
      dropEdge(work, undirectedEdgeId('similar', nodeId, n.id));
      recheck.add(n.id);
    }
  }
  const affected = new Set([...rebuilt, ...removed, ...changedLists]);
  for (const nodeId of new Set([...affected, ...listedWith, ...recheck])) {
    for (const n of graph.nearest[nodeId] ?? []) {
      if (!affected.has(nodeId) && !affected.has(n.id)) continue;
      if (!(graph.nearest[n.id] ?? []).some((m) => m.id === nodeId)) continue;
      const [source, target] = nodeId < n.id ? [nodeId, n.id] : [n.id, nodeId];
      const documents = [...new Set([...graph.nodes[source]!.documents, ...graph.nodes[target]!.documents])].sort(compareStrings);
      putEdge(work, { id: undirectedEdgeId('similar', source, target), kind: 'similar', source, target, weight: n.similarity, inferred: true, directed: false, documents });
    }
  }
}
