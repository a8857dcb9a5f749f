/**
 * The one file that uses Cytoscape: draws a graph view, lays it out with fcose (keeping positions the
 * person has seen, so reopening is instant and stable), reports selection, and keeps the camera where the
 * person put it when the canvas changes size.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GraphView } from '../../../core/graph/knowledge-graph';
import { memoryBand } from '../../../core/graph/memory-state';
import { namedWhenFitted } from './named-nodes';
import { overlappingPairs, seedPositions, separate, type NodeBox } from './node-placement';

cytoscape.use(fcose);

export type Positions = Record<string, { x: number; y: number }>;

export interface GraphPalette {
  text: string;
  background: string;
  document: string;
  edge: string;
  inferred: string;
  selected: string;
  memory: Record<'none' | 'weak' | 'ok' | 'strong', string>;
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

/** fcose's ideal edge length, and how far from its neighbours a new node starts. */
const EDGE_LENGTH = 90;
/** The least room between two nodes' boxes, in graph units. */
const NODE_GAP = 6;

/** Zoomed in this far past the fitted view, every node is named. */
const ALL_NAMED_ZOOM = 1.5;

function elementsOf(view: GraphView, positions: Positions): ElementDefinition[] {
  const named = namedWhenFitted(view.nodes);
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
      named: named.has(node.id) ? 1 : 0,
    },
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

function styleFor(palette: GraphPalette): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        width: 'data(size)',
        height: 'data(size)',
        'font-size': 11,
        color: palette.text,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'background-color': palette.memory.none,
        'border-width': 0,
      },
    },
    { selector: 'node[band = "weak"]', style: { 'background-color': palette.memory.weak } },
    { selector: 'node[band = "ok"]', style: { 'background-color': palette.memory.ok } },
    { selector: 'node[band = "strong"]', style: { 'background-color': palette.memory.strong } },
    { selector: 'node[kind = "document"]', style: { shape: 'round-rectangle', 'background-color': palette.document, 'font-weight': 'bold' } },
    { selector: 'node[kind = "sentence"]', style: { shape: 'diamond', label: '' } },
    { selector: 'node.quiet', style: { label: '' } },
    { selector: 'node[kind = "concept"].quiet:selected', style: { label: 'data(label)' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': palette.selected } },
    // The keyboard's place, before Enter opens it: a ring apart from the node, unlike the selected border.
    { selector: 'node.cursor', style: { 'outline-width': 3, 'outline-offset': 3, 'outline-color': palette.selected, 'outline-style': 'dashed', label: 'data(label)' } },
    { selector: 'edge', style: { width: 'data(width)', 'line-color': palette.edge, 'curve-style': 'haystack', opacity: 0.7 } },
    { selector: 'edge[inferred = 1]', style: { 'line-style': 'dashed', 'line-color': palette.inferred, 'curve-style': 'straight', opacity: 0.9 } },
    { selector: 'edge[kind = "links-to"]', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'target-arrow-color': palette.edge } },
  ];
}

export class GraphCanvas {
  private readonly cy: Core;
  private readonly resizer: ResizeObserver;
  private fittedZoom = 1;
  /** Whether the person zoomed or panned since the last fit: then a resize keeps their view instead of refitting. */
  private moved = false;
  private size = { width: 0, height: 0 };
  /** Whether the unnamed nodes' labels are hidden now; null when the elements were just added. */
  private labelsQuiet: boolean | null = null;

  constructor(private readonly options: GraphCanvasOptions) {
    this.cy = cytoscape({
      container: options.container,
      style: styleFor(options.palette),
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event) => options.onSelect(event.target.id() as string));
    this.cy.on('zoom', () => this.quietCrowdedLabels());
    // Only the person's own gestures: the fit and centring animations fire plain 'zoom' and 'pan'.
    this.cy.on('scrollzoom pinchzoom dragpan', () => (this.moved = true));
    // Written as the view changes, so a test reads where things are at once (a box over ~150 nodes: cheap).
    this.cy.on('viewport select unselect', () => this.reportView());
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) options.onSelect(null);
    });
    // Cytoscape sizes its canvases once; the side panel opening narrows the container, so follow it.
    this.resizer = new ResizeObserver(() => this.followResize());
    this.resizer.observe(options.container);
  }

  /**
   * After the container changed size: refit unless the person has zoomed or panned (then keep their zoom and
   * the point at the middle), and centre the selected node. A centring animation still running was aimed at
   * the old size and would land off-screen, so it stops first.
   */
  private followResize(): void {
    this.cy.stop(true, false);
    this.cy.resize();
    const width = this.cy.width();
    const height = this.cy.height();
    if (!this.moved) this.fit();
    else {
      const pan = this.cy.pan();
      this.cy.pan({ x: pan.x + (width - this.size.width) / 2, y: pan.y + (height - this.size.height) / 2 });
    }
    this.size = { width, height };
    const selected = this.cy.nodes(':selected').first();
    if (selected.nonempty()) this.cy.pan(this.panCentring(selected));
  }

  /** The pan that puts a node's middle in the canvas's middle (`cy.center` would centre its box, label included). */
  private panCentring(node: cytoscape.NodeSingular): cytoscape.Position {
    const { x, y } = node.position();
    const zoom = this.cy.zoom();
    return { x: this.cy.width() / 2 - x * zoom, y: this.cy.height() / 2 - y * zoom };
  }

  /**
   * Shows a view, starting from the positions the person has seen. When nodes are new (or saved ones now
   * overlap) the layout runs again from there, new nodes starting beside their neighbours, and the old ones
   * keep their places as far as making room allows; then no two nodes are left overlapping.
   */
  async show(view: GraphView, positions: Positions, options: ShowOptions = {}): Promise<void> {
    this.cy.elements().remove();
    const placed: Positions = {};
    for (const node of view.nodes) if (positions[node.id]) placed[node.id] = positions[node.id]!;
    const anyPlaced = Object.keys(placed).length > 0;
    const missing = Object.keys(placed).length < view.nodes.length;
    const seeds = anyPlaced && missing ? seedPositions(view.nodes.map((n) => n.id), view.edges, placed, EDGE_LENGTH) : {};
    this.cy.add(elementsOf(view, { ...placed, ...seeds }));
    this.labelsQuiet = null;
    const started = performance.now();
    const labelled = (node: cytoscape.NodeSingular) => options.labelsNeedRoom === true || node.data('named') === 1;
    // Saved positions are whole numbers: overlaps under a pixel are rounding, not a reason to move anything.
    const settled = anyPlaced && !missing && overlappingPairs(this.boxes(labelled), -1).length === 0;
    if (view.nodes.length > 0 && !settled) {
      await this.runLayout(!anyPlaced, options.labelsNeedRoom === true);
      if (anyPlaced) this.keepInPlace(placed);
      const apart = separate(this.boxes(labelled), NODE_GAP);
      this.cy.batch(() => this.cy.nodes().forEach((node) => void node.position(apart[node.id()]!)));
    }
    const took = performance.now() - started;
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

  /**
   * At the fitted zoom only the documents and main concepts are named: on a dense graph every label drawn
   * there piled onto its neighbours'. Zooming in names the rest; a selected concept is always named.
   */
  private quietCrowdedLabels(): void {
    const crowded = this.cy.zoom() < this.fittedZoom * ALL_NAMED_ZOOM;
    // Zoom events come many times a second while the wheel turns: restyle only when the answer changes.
    if (crowded === this.labelsQuiet) return;
    this.labelsQuiet = crowded;
    this.cy.batch(() => this.cy.nodes('[named = 0]').toggleClass('quiet', crowded));
  }

  positions(): Positions {
    const out: Positions = {};
    this.cy.nodes().forEach((node) => {
      const { x, y } = node.position();
      out[node.id()] = { x: Math.round(x), y: Math.round(y) };
    });
    return out;
  }

  select(nodeId: string | null): void {
    this.cy.nodes().unselect();
    if (!nodeId) return;
    const node = this.cy.getElementById(nodeId);
    if (node.nonempty()) {
      node.select();
      this.glideTo(node);
    }
  }

  /** Marks the node the keyboard is on (null: none) and brings it to the middle, without selecting it. */
  highlight(nodeId: string | null): void {
    this.cy.nodes('.cursor').removeClass('cursor');
    if (!nodeId) return;
    const node = this.cy.getElementById(nodeId);
    if (node.nonempty()) {
      node.addClass('cursor');
      this.glideTo(node);
    }
  }

  private glideTo(node: cytoscape.NodeSingular): void {
    this.cy.stop(true, false);
    this.cy.animate({ pan: this.panCentring(node), duration: 200 });
  }

  /**
   * Writes where things are drawn onto the container, in pixels from its top left, for the end-to-end tests
   * (a canvas has no DOM to query): `data-extent` the nodes' box "x1,y1,x2,y2", `data-selected-at` the
   * selected node's middle "x,y" (absent when none), `data-zoom`.
   */
  private reportView(): void {
    const { dataset } = this.options.container;
    const box = this.cy.nodes().renderedBoundingBox({ includeLabels: false });
    dataset.extent = [box.x1, box.y1, box.x2, box.y2].map(Math.round).join();
    dataset.zoom = this.cy.zoom().toFixed(3);
    const selected = this.cy.nodes(':selected').first();
    if (selected.nonempty()) dataset.selectedAt = [selected.renderedPosition().x, selected.renderedPosition().y].map(Math.round).join();
    else delete dataset.selectedAt;
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

  fit(): void {
    this.moved = false;
    this.cy.stop(true, false);
    this.cy.fit(undefined, 30);
    this.fittedZoom = this.cy.zoom();
    this.quietCrowdedLabels();
  }

  zoomBy(factor: number): void {
    this.moved = true;
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 } });
  }

  setPalette(palette: GraphPalette): void {
    this.cy.style(styleFor(palette));
  }

  /** The visible graph as a PNG (a data URL), on the theme's background. */
  png(): string {
    return this.cy.png({ full: true, scale: 2, bg: this.options.palette.background });
  }

  destroy(): void {
    this.resizer.disconnect();
    this.cy.destroy();
  }
}
