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

  /** Shows a view; nodes with saved positions stay put, the others are laid out around them. */
  async show(view: GraphView, positions: Positions): Promise<void> {
    this.cy.elements().remove();
    this.cy.add(elementsOf(view, positions));
    this.labelsQuiet = null;
    const missing = view.nodes.some((node) => !positions[node.id]);
    if (missing && view.nodes.length > 0) {
      const anyPlaced = view.nodes.some((node) => positions[node.id]);
      const layout = this.cy.layout({
        name: 'fcose',
        quality: view.nodes.length > 800 ? 'draft' : 'default',
        randomize: !anyPlaced,
        animate: false,
        nodeDimensionsIncludeLabels: false,
        idealEdgeLength: 90,
        nodeRepulsion: 6000,
        fixedNodeConstraint: anyPlaced ? view.nodes.filter((n) => positions[n.id]).slice(0, 200).map((n) => ({ nodeId: n.id, position: positions[n.id]! })) : undefined,
      } as cytoscape.LayoutOptions);
      const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
      layout.run();
      await done;
    }
    this.fit();
    this.reportView();
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
