/**
 * The graph, or any view of it, as files other tools open: JSON Graph Format v2
 * (https://jsongraphformat.info) and GraphML (http://graphml.graphdrawing.org/specification.html), which
 * Gephi, yEd and Cytoscape desktop read. Node and edge data are the same in both: label, kind, weight,
 * inferred, memory (absent for a node without cards or before memory was applied), documents.
 */
import { type GraphView, type KnowledgeGraph, asView } from './knowledge-graph';

/** JSON Graph Format v2: nodes keyed by id, edges as a list; the text, indented. */
export function toGraphJson(source: KnowledgeGraph | GraphView): string {
  const view = asView(source);
  const nodes: Record<string, unknown> = {};
  for (const node of view.nodes) {
    nodes[node.id] = {
      label: node.label,
      metadata: {
        kind: node.kind,
        weight: node.weight,
        documents: node.documents,
        tags: node.tags,
        ...(node.keys.length > 0 ? { keys: node.keys } : {}),
        ...(node.sourceName !== undefined ? { sourceName: node.sourceName } : {}),
        ...(node.cards !== undefined ? { cards: node.cards } : {}),
        ...(node.memory !== undefined && node.memory !== null ? { memory: node.memory } : {}),
      },
    };
  }
  const edges = view.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    relation: edge.kind,
    directed: edge.directed,
    metadata: { weight: edge.weight, inferred: edge.inferred, documents: edge.documents },
  }));
  return JSON.stringify({ graph: { id: 'focal', type: 'focal-knowledge-graph', directed: true, nodes, edges } }, null, 2);
}

/** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF): dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe in XML content and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const KEYS = [
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'weight', for: 'node', name: 'weight', type: 'double' },
  { id: 'memory', for: 'node', name: 'memory', type: 'double' },
  { id: 'documents', for: 'node', name: 'documents', type: 'string' },
  { id: 'edge-kind', for: 'edge', name: 'kind', type: 'string' },
  { id: 'edge-weight', for: 'edge', name: 'weight', type: 'double' },
  { id: 'inferred', for: 'edge', name: 'inferred', type: 'boolean' },
] as const;

function data(key: string, value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return `<data key="${key}">${escapeXml(String(value))}</data>`;
}

/** GraphML: directed by default, undirected edges marked `directed="false"`; documents as a space-separated list. */
export function toGraphMl(source: KnowledgeGraph | GraphView): string {
  const view = asView(source);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...KEYS.map((k) =>
      k.id === 'inferred'
        ? `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"><default>false</default></key>`
        : `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`,
    ),
    '  <graph id="focal" edgedefault="directed">',
  ];
  for (const node of view.nodes) {
    const memory = node.memory === undefined || node.memory === null ? '' : data('memory', node.memory);
    lines.push(
      `    <node id="${escapeXml(node.id)}">${data('label', node.label)}${data('kind', node.kind)}${data('weight', node.weight)}${memory}${data('documents', node.documents.join(' '))}</node>`,
    );
  }
  for (const edge of view.edges) {
    lines.push(
      `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}"${edge.directed ? '' : ' directed="false"'}>` +
        `${data('edge-kind', edge.kind)}${data('edge-weight', edge.weight)}${data('inferred', edge.inferred)}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
