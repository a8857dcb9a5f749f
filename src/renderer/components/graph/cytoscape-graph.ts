/**
 * The one file that uses Cytoscape: draws a graph view, lays it out with fcose (keeping positions the
 * person has seen, so reopening is instant and stable), reports selection, brings a chosen node and its
 * neighbours into view, keeps labels readable at every zoom, and keeps the camera where the person put it
 * when the canvas changes size.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { compareStrings } from '../../../core/compare-strings';
import type { GraphNode, GraphView } from '../../../core/graph/knowledge-graph';
import { memoryBand } from '../../../core/graph/memory-state';
import { fitAcross, labelStep, labelsThatFit, MAX_LABEL_STEP, MIN_LABEL_STEP, spanAcross, stepScale, type LabelCandidate, type LabelSide } from './label-placement';
import { namedWhenFitted } from './named-nodes';
import { overlappingPairs, seedPositions, separate, type NodeBox } from './node-placement';

cytoscape.use(fcose);

export type Positions = Record<string, { x: number; y: number }>;

export interface GraphPalette {
  text: string;
  /** What the graph is drawn on: behind labels (so edges do not cross them out) and under the PNG export. */
  background: string;
  document: string;
  edge: string;
  inferred: string;
  selected: string;
  memory: Record<'none' | 'weak' | 'ok' | 'strong', string>;
  /** The outline of a fair node: amber alone is 2:1 on a light canvas, under the 3:1 a graphic needs (WCAG 1.4.11). */
  fairEdge: string;
}

export interface GraphCanvasOptions {
  container: HTMLElement;
  palette: GraphPalette;
  onSelect: (nodeId: string | null) => void;
}

export interface ShowOptions {
  /** Whether every node's label needs room of its own (a small view, zoomed in); otherwise only the labels named at the fitted zoom. */
  labelsNeedRoom?: boolean;
}

/** A node's label as placement weighs it: whether it is named at the fitted zoom, and whether it is a document's. */
type NodeLabelCandidate = LabelCandidate & { named: boolean; document: boolean };

/** fcose's ideal edge length, and how far from its neighbours a new node starts. */
const EDGE_LENGTH = 90;
/** The least room between two nodes' boxes, in graph units. */
const NODE_GAP = 6;
/** Pixels around the graph when it is fitted to the canvas. */
const FIT_PADDING = 30;

/** Zoomed in this far past the fitted view, every node may be named (where its label has room). */
const ALL_NAMED_ZOOM = 1.5;
/** A chosen node's neighbourhood is zoomed in to hold it, up to this zoom (where nodes and labels read at their own size). */
const READABLE_ZOOM = 1.25;
/** Fitting a view of one node or a few zooms no closer than this: the person's +, up to maxZoom, may. */
const FIT_MOST_ZOOM = 2;

/** Labels' font size on screen in pixels, by kind (kept as the zoom changes: see label-placement.ts), and their widest. */
const LABEL_FONT = { concept: 11, document: 13 } as const;
const LABEL_MAX_WIDTH = { concept: 140, document: 170 } as const;
/** The app's own font (styles.css); Cytoscape takes only double quotes in a font list. */
const LABEL_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
/** Screen pixels from a node's body to its label, around the label's text on its background, and between two labels. */
const LABEL_MARGIN = 4;
const LABEL_PADDING = 2;
const LABEL_GAP = 4;
/** Under this on screen, a label is not drawn at all (a graph of thousands zoomed out): it could not be read. */
const MIN_LABEL_PX = 7;

/** The class that draws a node's label at a size step (a node without one has no label); with `label-above`, above the node. */
const labelClass = (step: number) => `label-${step - MIN_LABEL_STEP}`;
const ABOVE = 'label-above';
const labelClasses = Array.from({ length: MAX_LABEL_STEP - MIN_LABEL_STEP + 1 }, (_, i) => i + MIN_LABEL_STEP);

function elementsOf(view: GraphView, positions: Positions, labelled: (node: GraphNode) => boolean): ElementDefinition[] {
  const maxNode = Math.max(1e-9, ...view.nodes.map((n) => n.weight));
  const maxEdge = Math.max(1e-9, ...view.edges.map((e) => e.weight));
  const nodes: ElementDefinition[] = view.nodes.map((node) => ({
    group: 'nodes',
    data: {
      id: node.id,
      label: node.label,
      kind: node.kind,
      size: node.kind === 'sentence' ? 14 : 18 + 42 * Math.sqrt(Math.max(0, node.weight) / maxNode),
      band: node.kind === 'concept' ? memoryBand(node.memory) : 'none',
    },
    // Labelled at their size at zoom 1 while the layout makes room for them; placeLabels takes over after.
    ...(labelled(node) ? { classes: labelClass(0) } : {}),
    ...(positions[node.id] ? { position: { ...positions[node.id]! } } : {}),
  }));
  const ids = new Set(view.nodes.map((n) => n.id));
  const edges: ElementDefinition[] = view.edges
    .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
    .map((edge) => ({
      group: 'edges',
      data: { id: edge.id, source: edge.source, target: edge.target, width: 1 + 5 * (Math.max(0, edge.weight) / maxEdge), inferred: edge.inferred ? 1 : 0, kind: edge.kind },
    }));
  return [...nodes, ...edges];
}

/** A label's sizes in graph units at a step: its font, widest line and spacing, so that on screen they stay as set above. */
function labelStyle(kind: 'concept' | 'document', step: number): cytoscape.Css.Node {
  const scale = stepScale(step);
  return {
    'font-size': LABEL_FONT[kind] * scale,
    'text-max-width': `${LABEL_MAX_WIDTH[kind] * scale}px`,
    'text-margin-y': LABEL_MARGIN * scale,
    'text-background-padding': `${LABEL_PADDING * scale}px`,
  };
}

function styleFor(palette: GraphPalette): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: '',
        width: 'data(size)',
        height: 'data(size)',
        'font-family': LABEL_FAMILY,
        'min-zoomed-font-size': MIN_LABEL_PX,
        color: palette.text,
        'text-valign': 'bottom',
        'text-wrap': 'ellipsis',
        // On the canvas's own colour, so that edges pass under a label instead of crossing it out.
        'text-background-color': palette.background,
        'text-background-opacity': 0.85,
        'text-background-shape': 'roundrectangle',
        'background-color': palette.memory.none,
        'border-width': 0,
        ...labelStyle('concept', 0),
      },
    },
    { selector: 'node[band = "weak"]', style: { 'background-color': palette.memory.weak } },
    { selector: 'node[band = "ok"]', style: { 'background-color': palette.memory.ok, 'border-width': 1.5, 'border-color': palette.fairEdge } },
    { selector: 'node[band = "strong"]', style: { 'background-color': palette.memory.strong } },
    { selector: 'node[kind = "document"]', style: { shape: 'round-rectangle', 'background-color': palette.document, 'font-weight': 'bold' } },
    ...labelClasses.flatMap((step): cytoscape.StylesheetJson => [
      { selector: `node.${labelClass(step)}`, style: { label: 'data(label)', ...labelStyle('concept', step) } },
      { selector: `node[kind = "document"].${labelClass(step)}`, style: labelStyle('document', step) },
      { selector: `node.${ABOVE}.${labelClass(step)}`, style: { 'text-valign': 'top', 'text-margin-y': -LABEL_MARGIN * stepScale(step) } },
    ]),
    { selector: 'node[kind = "sentence"]', style: { shape: 'diamond', label: '' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': palette.selected } },
    // The keyboard's place, before Enter opens it: a ring apart from the node, unlike the selected border.
    { selector: 'node.cursor', style: { 'outline-width': 3, 'outline-offset': 3, 'outline-color': palette.selected, 'outline-style': 'dashed' } },
    { selector: 'edge', style: { width: 'data(width)', 'line-color': palette.edge, 'curve-style': 'haystack', opacity: 0.7 } },
    { selector: 'edge[inferred = 1]', style: { 'line-style': 'dashed', 'line-color': palette.inferred, 'curve-style': 'straight', opacity: 0.9 } },
    { selector: 'edge[kind = "links-to"]', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'target-arrow-color': palette.edge } },
  ];
}

export class GraphCanvas {
  private readonly cy: Core;
  private readonly resizer: ResizeObserver;
  private palette: GraphPalette;
  private fittedZoom = 1;
  /** Whether the person zoomed or panned since the last fit: then a resize keeps their view instead of refitting. */
  private moved = false;
  private size = { width: 0, height: 0 };
  /** Pixels at the canvas's right that a panel lies over: what is chosen is shown in the rest. */
  private cover = 0;
  /** The node whose neighbourhood the camera was brought to, until the person moves it: a resize brings it again. */
  private framed: string | null = null;
  /** Every node that may be named, most important first, with its label's box at its base size (see label-placement.ts). */
  private candidates: NodeLabelCandidate[] = [];
  private candidateById = new Map<string, NodeLabelCandidate>();
  /** The nodes whose label is drawn now, with its size step and side: changes are applied to these alone, not to every node. */
  private labelled = new Map<string, { step: number; side: LabelSide }>();
  private nextFrame = 0;
  /** The selected node and the keyboard's, kept here: asking Cytoscape for them every frame filters every node. */
  private selectedId: string | null = null;
  private cursorId: string | null = null;
  /** Whether a view is being laid out: its labels keep their size at zoom 1 until it is done. */
  private laying = false;
  private readonly measure = document.createElement('canvas').getContext('2d');

  constructor(private readonly options: GraphCanvasOptions) {
    this.palette = options.palette;
    this.cy = cytoscape({
      container: options.container,
      style: styleFor(options.palette),
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event) => {
      const id = event.target.id() as string;
      this.select(id);
      options.onSelect(id);
    });
    // Only the person's own gestures: the fit and centring animations fire plain 'zoom' and 'pan'.
    this.cy.on('scrollzoom pinchzoom dragpan', () => {
      this.moved = true;
      this.framed = null;
    });
    // Once a frame however many events come: the report measures every node's box, and labels restyle nodes.
    this.cy.on('viewport select unselect', () => this.scheduleFrame());
    this.cy.on('dragfree', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      const candidate = this.candidateById.get(node.id());
      if (candidate) Object.assign(candidate, node.position());
      this.scheduleFrame();
    });
    this.cy.on('select', 'node', (event) => (this.selectedId = event.target.id() as string));
    this.cy.on('unselect', 'node', (event) => {
      if (event.target.id() === this.framed) this.framed = null;
      if (event.target.id() === this.selectedId) this.selectedId = null;
    });
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) options.onSelect(null);
    });
    // Cytoscape sizes its canvases once; the side panel opening narrows the container, so follow it.
    this.resizer = new ResizeObserver(() => this.followResize());
    this.resizer.observe(options.container);
  }

  /**
   * After the container changed size: bring the chosen node's neighbourhood back into view if the camera was
   * brought there; else refit unless the person has zoomed or panned (then keep their zoom and the point at the
   * middle). An animation still running was aimed at the old size and would land off-screen, so it stops first.
   */
  private followResize(): void {
    this.cy.stop(true, false);
    this.cy.resize();
    const width = this.cy.width();
    const height = this.cy.height();
    const framed = this.framed ? this.cy.getElementById(this.framed) : null;
    if (framed?.nonempty()) this.frame(framed, false);
    else if (!this.moved) this.fit();
    else {
      const pan = this.cy.pan();
      this.cy.pan({ x: pan.x + (width - this.size.width) / 2, y: pan.y + (height - this.size.height) / 2 });
    }
    this.size = { width, height };
  }

  /** The middle of the part of the canvas no panel lies over, in pixels. */
  private viewMiddle(): cytoscape.Position {
    return { x: Math.max(0, this.cy.width() - this.cover) / 2, y: this.cy.height() / 2 };
  }

  /** The pan that puts a graph point in the middle of the uncovered canvas at a zoom (`cy.center` would centre a box, label included). */
  private panTo(point: cytoscape.Position, zoom = this.cy.zoom()): cytoscape.Position {
    const middle = this.viewMiddle();
    return { x: middle.x - point.x * zoom, y: middle.y - point.y * zoom };
  }

  /** Whether motion should be cut short: the person asked their system for less of it. */
  private get still(): boolean {
    return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  /** Moves the camera, gliding there unless motion is reduced; labels are placed once it arrives. */
  private moveCamera(viewport: { zoom: number; pan: cytoscape.Position }, animate: boolean): void {
    this.cy.stop(true, false);
    if (!animate || this.still) {
      this.cy.viewport(viewport);
      return;
    }
    this.cy.animate({ ...viewport, duration: 250, easing: 'ease-out', complete: () => this.scheduleFrame() });
  }

  /**
   * Brings a node and its neighbours into the uncovered canvas at a readable zoom: at least the zoom that names
   * every node (or READABLE_ZOOM, if less), and no closer than needed to hold them all, up to READABLE_ZOOM. The
   * person's own zoom stays when it is already in that range. When the neighbours cannot all be held, the node
   * is in the middle.
   */
  private frame(node: cytoscape.NodeSingular, animate: boolean): void {
    this.framed = node.id();
    const box = node.closedNeighborhood().nodes().boundingBox({ includeLabels: false, includeOverlays: false });
    const room = { width: Math.max(1, this.cy.width() - this.cover - 80), height: Math.max(1, this.cy.height() - 80) };
    const holding = Math.min(room.width / Math.max(box.w, 1), room.height / Math.max(box.h, 1));
    const least = Math.min(this.fittedZoom * ALL_NAMED_ZOOM, READABLE_ZOOM);
    const readable = Math.max(least, Math.min(holding, READABLE_ZOOM));
    const current = this.cy.zoom();
    const zoom = Math.min(this.cy.maxZoom(), this.moved && current >= least && current <= readable ? current : readable);
    const middle = zoom <= holding ? { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 } : node.position();
    this.moved = true;
    this.moveCamera({ zoom, pan: this.panTo(middle, zoom) }, animate);
  }

  /**
   * Shows a view, starting from the positions the person has seen. When nodes are new (or saved ones now
   * overlap) the layout runs again from there, new nodes starting beside their neighbours, and the old ones
   * keep their places as far as making room allows; then no two nodes are left overlapping.
   */
  async show(view: GraphView, positions: Positions, options: ShowOptions = {}): Promise<void> {
    this.laying = true;
    this.cy.elements().remove();
    this.framed = null;
    this.selectedId = null;
    this.cursorId = null;
    this.candidates = [];
    this.candidateById = new Map();
    const placed: Positions = {};
    for (const node of view.nodes) if (positions[node.id]) placed[node.id] = positions[node.id]!;
    const anyPlaced = Object.keys(placed).length > 0;
    const missing = Object.keys(placed).length < view.nodes.length;
    const seeds = anyPlaced && missing ? seedPositions(view.nodes.map((n) => n.id), view.edges, placed, EDGE_LENGTH) : {};
    const named = namedWhenFitted(view.nodes);
    const roomFor = (node: GraphNode) => node.kind !== 'sentence' && (options.labelsNeedRoom === true || named.has(node.id));
    this.cy.add(elementsOf(view, { ...placed, ...seeds }, roomFor));
    this.labelled = new Map(view.nodes.filter(roomFor).map((n) => [n.id, { step: 0, side: 'below' }]));
    const started = performance.now();
    const labelled = (node: cytoscape.NodeSingular) => this.labelled.has(node.id());
    // Saved positions are whole numbers: overlaps under a pixel are rounding, not a reason to move anything.
    const settled = anyPlaced && !missing && overlappingPairs(this.boxes(labelled), -1).length === 0;
    if (view.nodes.length > 0 && !settled) {
      await this.runLayout(!anyPlaced, options.labelsNeedRoom === true);
      if (anyPlaced) this.keepInPlace(placed);
      const apart = separate(this.boxes(labelled), NODE_GAP);
      this.cy.batch(() => this.cy.nodes().forEach((node) => void node.position(apart[node.id()]!)));
    }
    const took = performance.now() - started;
    this.candidates = this.labelCandidates(view, named);
    this.candidateById = new Map(this.candidates.map((c) => [c.id, c]));
    this.laying = false;
    this.fit();
    this.reportView();
    this.reportLayout(took);
  }

  /** Runs fcose: from scratch, or (not `randomize`) onward from where the nodes are now. */
  private async runLayout(randomize: boolean, includeLabels: boolean): Promise<void> {
    const layout = this.cy.layout({
      name: 'fcose',
      // Draft is the spectral step alone, which only a layout from scratch has.
      quality: randomize && this.cy.nodes().length > 800 ? 'draft' : 'default',
      randomize,
      animate: false,
      fit: false,
      nodeDimensionsIncludeLabels: includeLabels,
      idealEdgeLength: EDGE_LENGTH,
      nodeRepulsion: 6000,
      // Onward from a seen layout, a cool start (fcose's default is 0.3) moves its nodes less: measured, about a tenth of its width.
      initialEnergyOnIncremental: 0.1,
    } as cytoscape.LayoutOptions);
    const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
    layout.run();
    await done;
  }

  /** Shifts the whole layout so that the nodes placed before sit, on average, where they were. */
  private keepInPlace(placed: Positions): void {
    let dx = 0;
    let dy = 0;
    const ids = Object.keys(placed);
    for (const id of ids) {
      const { x, y } = this.cy.getElementById(id).position();
      dx += x - placed[id]!.x;
      dy += y - placed[id]!.y;
    }
    this.cy.nodes().shift({ x: -dx / ids.length, y: -dy / ids.length });
  }

  /** Each node's box in graph coordinates, with its label where `labelled` says the label needs room too. */
  private boxes(labelled: (node: cytoscape.NodeSingular) => boolean): NodeBox[] {
    return this.cy.nodes().map((node) => {
      const { x, y } = node.position();
      const box = node.boundingBox({ includeLabels: labelled(node), includeOverlays: false });
      return { id: node.id(), x, y, left: x - box.x1, right: box.x2 - x, top: y - box.y1, bottom: box.y2 - y };
    });
  }

  /** Each node that can be named, most important first: documents, then concepts by weight (ties by id); its label measured once. */
  private labelCandidates(view: GraphView, named: ReadonlySet<string>): NodeLabelCandidate[] {
    const order = view.nodes
      .filter((n) => n.kind !== 'sentence')
      .sort((a, b) => Number(b.kind === 'document') - Number(a.kind === 'document') || b.weight - a.weight || compareStrings(a.id, b.id));
    return order.map((n) => {
      const kind = n.kind === 'document' ? 'document' : 'concept';
      const element = this.cy.getElementById(n.id);
      const { x, y } = element.position();
      return {
        id: n.id,
        x,
        y,
        half: element.height() / 2,
        width: Math.min(this.textWidth(n.label, kind), LABEL_MAX_WIDTH[kind]) + 2 * LABEL_PADDING,
        height: LABEL_FONT[kind] * 1.25 + 2 * LABEL_PADDING,
        named: named.has(n.id),
        document: kind === 'document',
      };
    });
  }

  /** A label's width in pixels at its kind's font size (an estimate where the canvas cannot measure). */
  private textWidth(text: string, kind: 'concept' | 'document'): number {
    if (!this.measure) return text.length * LABEL_FONT[kind] * 0.6;
    this.measure.font = `${kind === 'document' ? 'bold ' : ''}${LABEL_FONT[kind]}px ${LABEL_FAMILY}`;
    return this.measure.measureText(text).width;
  }

  /** Reports the view and places the labels at the next frame: zoom and pan events come many times a frame while the wheel turns. */
  private scheduleFrame(): void {
    if (this.nextFrame) return;
    this.nextFrame = requestAnimationFrame(() => {
      this.nextFrame = 0;
      this.reportView();
      this.placeLabels();
    });
  }

  /**
   * Sizes the labels for the zoom (about the same size on screen at any zoom) and names the nodes in view whose
   * labels have room, most important first: the selected node, the keyboard's, the selected node's neighbours,
   * then documents and heavy concepts. Zoomed out near the fitted view only the documents and main concepts
   * may be named: there every label would crowd the overview. Restyles only the nodes whose label changes.
   */
  private placeLabels(): void {
    if (this.laying || this.cy.animated()) return;
    const zoom = this.cy.zoom();
    const step = labelStep(zoom);
    const everyone = zoom >= this.fittedZoom * ALL_NAMED_ZOOM;
    const extent = this.cy.extent();
    const margin = Math.max(extent.w, extent.h) * 0.1;
    const inView = (c: LabelCandidate) => c.x >= extent.x1 - margin && c.x <= extent.x2 + margin && c.y >= extent.y1 - margin && c.y <= extent.y2 + margin;
    const selected = this.selectedId ? this.cy.getElementById(this.selectedId) : null;
    const always = [...new Set([this.selectedId, this.cursorId])].flatMap((id) => (id && this.candidateById.get(id)) || []);
    const forced = new Set(always.map((c) => c.id));
    const neighbours = (selected?.nonempty() ? selected.neighborhood().nodes().map((n) => n.id()) : []).flatMap((id) => {
      const candidate = this.candidateById.get(id);
      return candidate && !forced.has(id) && inView(candidate) ? [candidate] : [];
    });
    const first = new Set([...forced, ...neighbours.map((c) => c.id)]);
    const rest = this.candidates.filter((c) => (everyone || c.named) && !first.has(c.id) && inView(c));
    const shown = labelsThatFit([...always, ...neighbours, ...rest], stepScale(step), { margin: LABEL_MARGIN, gap: LABEL_GAP, always: always.length });
    const changed: cytoscape.NodeSingular[] = [];
    this.cy.batch(() => {
      for (const [id, had] of this.labelled) {
        if (shown.has(id)) continue;
        changed.push(this.cy.getElementById(id).removeClass(`${labelClass(had.step)} ${ABOVE}`));
        this.labelled.delete(id);
      }
      for (const [id, side] of shown) {
        const had = this.labelled.get(id);
        if (had?.step === step && had.side === side) continue;
        const node = this.cy.getElementById(id);
        if (had) node.removeClass(labelClass(had.step));
        changed.push(node.addClass(labelClass(step)).toggleClass(ABOVE, side === 'above'));
        this.labelled.set(id, { step, side });
      }
    });
    // Applies the new sizes at once: a bounding box asked for before the next frame would otherwise be measured
    // from a label's old size and kept, and the label drawn clipped to it (Cytoscape 3.35).
    for (const node of changed) node.numericStyle('font-size');
    this.reportLabels();
  }

  positions(): Positions {
    const out: Positions = {};
    this.cy.nodes().forEach((node) => {
      const { x, y } = node.position();
      out[node.id()] = { x: Math.round(x), y: Math.round(y) };
    });
    return out;
  }

  /**
   * Selects a node (null: none) and brings it and its neighbours into view at a readable zoom; with `frame` false,
   * the view stays (a neighbourhood just fitted is already all in view).
   */
  select(nodeId: string | null, frame = true): void {
    this.cy.nodes().unselect();
    this.framed = null;
    const node = nodeId ? this.cy.getElementById(nodeId) : null;
    if (node?.nonempty()) {
      node.select();
      if (frame) this.frame(node, true);
    }
    this.placeLabels();
  }

  /** Marks the node the keyboard is on (null: none) and brings it to the middle, without selecting it. */
  highlight(nodeId: string | null): void {
    if (this.cursorId) this.cy.getElementById(this.cursorId).removeClass('cursor');
    this.cursorId = nodeId;
    const node = nodeId ? this.cy.getElementById(nodeId) : null;
    if (node?.nonempty()) {
      node.addClass('cursor');
      this.framed = null;
      this.moveCamera({ zoom: this.cy.zoom(), pan: this.panTo(node.position()) }, true);
    }
    this.placeLabels();
  }

  /**
   * How many pixels at the canvas's right a panel lies over (0: none). What is chosen is then brought to the
   * rest of the canvas, and a node already brought into view moves over.
   */
  setCover(pixels: number): void {
    if (pixels === this.cover) return;
    this.cover = pixels;
    const framed = this.framed ? this.cy.getElementById(this.framed) : null;
    if (framed?.nonempty()) this.frame(framed, true);
    this.reportView();
  }

  /**
   * Writes where things are drawn onto the container, in pixels from its top left, for the end-to-end tests
   * (a canvas has no DOM to query): `data-extent` the nodes' box "x1,y1,x2,y2", `data-selected-at` the
   * selected node's middle "x,y" and `data-neighbours-in-view` how many of its neighbours lie in the canvas no
   * panel covers, "in/all" (both absent when none), `data-zoom`, and `data-cover` the pixels at the right a panel lies over.
   */
  private reportView(): void {
    const { dataset } = this.options.container;
    const box = this.cy.nodes().renderedBoundingBox({ includeLabels: false });
    dataset.extent = [box.x1, box.y1, box.x2, box.y2].map(Math.round).join();
    dataset.zoom = this.cy.zoom().toFixed(3);
    const selected = this.selectedId ? this.cy.getElementById(this.selectedId) : this.cy.collection();
    if (selected.nonempty()) {
      dataset.selectedAt = [selected.renderedPosition().x, selected.renderedPosition().y].map(Math.round).join();
      const around = selected.neighborhood().nodes();
      const free = { width: this.cy.width() - this.cover, height: this.cy.height() };
      const inView = around.filter((node) => {
        const { x, y } = node.renderedPosition();
        return x >= 0 && x <= free.width && y >= 0 && y <= free.height;
      });
      dataset.neighboursInView = `${inView.length}/${around.length}`;
    } else {
      delete dataset.selectedAt;
      delete dataset.neighboursInView;
    }
    dataset.cover = String(this.cover);
  }

  /**
   * For the end-to-end tests: `data-labels` how many labels are drawn, `data-labelled-documents` how many of the
   * documents have theirs, and `data-label-px` a document label's font size on screen (absent when none is drawn).
   */
  private reportLabels(): void {
    const { dataset } = this.options.container;
    dataset.labels = String(this.labelled.size);
    const documents = this.candidates.filter((c) => c.document && this.labelled.has(c.id));
    dataset.labelledDocuments = String(documents.length);
    const sample = documents[0] ? this.cy.getElementById(documents[0].id) : null;
    if (sample?.nonempty()) dataset.labelPx = Number.parseFloat(sample.renderedStyle('font-size') as string).toFixed(1);
    else delete dataset.labelPx;
  }

  /**
   * For the end-to-end tests: `data-layout` is JSON of each drawn node's body [x1, y1, x2, y2] in graph
   * coordinates, by id, and `data-layout-ms` how long placing them took.
   */
  private reportLayout(ms: number): void {
    const boxes: Record<string, number[]> = {};
    this.cy.nodes().forEach((node) => {
      const { x, y } = node.position();
      const w = node.width() / 2;
      const h = node.height() / 2;
      boxes[node.id()] = [x - w, y - h, x + w, y + h].map(Math.round);
    });
    this.options.container.dataset.layout = JSON.stringify(boxes);
    this.options.container.dataset.layoutMs = String(Math.round(ms));
  }

  /**
   * Fits the nodes' bodies into the canvas no panel lies over, with room below for the labels (whose size in
   * graph units depends on the zoom being chosen here).
   */
  fit(): void {
    this.moved = false;
    this.framed = null;
    this.cy.stop(true, false);
    const nodes = this.cy.nodes();
    if (nodes.nonempty()) {
      const box = nodes.boundingBox({ includeLabels: false, includeOverlays: false });
      const below = LABEL_MARGIN + LABEL_FONT.document * 1.25 + 2 * LABEL_PADDING;
      const width = Math.max(1, this.cy.width() - this.cover - 2 * FIT_PADDING);
      const height = Math.max(1, this.cy.height() - 2 * FIT_PADDING - below);
      // Across, the labels named at the fitted view need room too: they keep their size on screen.
      const xs: number[] = [];
      const widths: number[] = [];
      const halves: number[] = [];
      nodes.forEach((node) => {
        const candidate = this.candidateById.get(node.id());
        xs.push(node.position().x);
        widths.push(candidate?.named ? candidate.width : 0);
        halves.push(node.width() / 2);
      });
      const zoom = Math.min(FIT_MOST_ZOOM, Math.max(this.cy.minZoom(), Math.min(fitAcross(xs, widths, width, FIT_MOST_ZOOM, halves), height / Math.max(box.h, 1))));
      const pan = this.panTo({ x: spanAcross(xs, widths, zoom, halves).middle, y: (box.y1 + box.y2) / 2 }, zoom);
      this.cy.viewport({ zoom, pan: { x: pan.x, y: pan.y - below / 2 } });
    }
    this.fittedZoom = this.cy.zoom();
    this.placeLabels();
  }

  zoomBy(factor: number): void {
    this.moved = true;
    this.framed = null;
    const middle = this.viewMiddle();
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: middle });
  }

  setPalette(palette: GraphPalette): void {
    this.palette = palette;
    this.cy.style(styleFor(palette));
  }

  /** The visible graph as a PNG (a data URL), on the theme's background. */
  png(): string {
    return this.cy.png({ full: true, scale: 2, bg: this.palette.background });
  }

  destroy(): void {
    cancelAnimationFrame(this.nextFrame);
    this.resizer.disconnect();
    this.cy.destroy();
  }
}
