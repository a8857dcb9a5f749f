import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildGraph } from './build-graph';
import { documentContribution } from './contribution';
import { NOTE_A, NOTE_B } from './fixtures/notes';
import { escapeXml, toGraphJson, toGraphMl } from './graph-export';
import { type GraphView, graphView } from './knowledge-graph';
import { conceptMemory, withMemory } from './memory-state';

const graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);

/**
 * A tiny well-formedness check (linkedom's parser forgives anything): tags nest and close, attributes are
 * quoted, and text holds no raw `<` and no `&` that does not start an entity.
 */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const match of body.matchAll(tag)) {
    const text = body.slice(last, match.index);
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) return false;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(match[3] ?? '')) return false;
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0 && body.slice(last).trim() === '';
}

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

/** An attribute's value; linkedom's XML mode leaves &amp; &lt; &gt; encoded in attributes (text it decodes). */
function attribute(element: Element, name: string): string | null {
  return element.getAttribute(name)?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') ?? null;
}

describe('exporting the graph', () => {
  it('writes GraphML that parses back with every node and edge and their data', () => {
    const xml = toGraphMl(graph);
    expect(wellFormed(xml)).toBe(true);
    const doc = parse(xml);
    const view = graphView(graph);
    const nodes = [...doc.querySelectorAll('node')];
    const edges = [...doc.querySelectorAll('edge')];
    expect(nodes.map((n) => n.getAttribute('id'))).toEqual(view.nodes.map((n) => n.id));
    expect(edges.map((e) => [e.getAttribute('source'), e.getAttribute('target')])).toEqual(view.edges.map((e) => [e.source, e.target]));
    const dataOf = (element: Element, key: string) => element.querySelector(`data[key="${key}"]`)?.textContent;
    const first = view.nodes[0]!;
    expect(dataOf(nodes[0]!, 'label')).toBe(first.label);
    expect(Number(dataOf(nodes[0]!, 'weight'))).toBe(first.weight);
    expect(dataOf(nodes[0]!, 'kind')).toBe(first.kind);
    expect(edges.filter((e) => dataOf(e, 'inferred') === 'true')).toHaveLength(1);
    expect(edges.filter((e) => e.getAttribute('directed') === 'false').length).toBe(view.edges.filter((e) => !e.directed).length);
  });

  it('declares a key for every data element it writes', () => {
    const doc = parse(toGraphMl(graph));
    const keys = new Map([...doc.querySelectorAll('key')].map((k) => [k.getAttribute('id'), k.getAttribute('attr.name')]));
    expect([...keys.values()].sort()).toEqual(['documents', 'inferred', 'kind', 'kind', 'label', 'memory', 'weight', 'weight']);
    const used = new Set([...doc.querySelectorAll('data')].map((d) => d.getAttribute('key')));
    for (const key of used) expect(keys.has(key)).toBe(true);
  });

  it('writes memory only for concepts that have cards', () => {
    const memory = conceptMemory(graph, [{ sentenceId: 'b0', concept: null, recall: 0.8 }], (c) => c.recall);
    const doc = parse(toGraphMl(withMemory(graphView(graph), memory)));
    const withData = [...doc.querySelectorAll('node')].filter((n) => n.querySelector('data[key="memory"]'));
    expect(withData.map((n) => n.querySelector('data[key="memory"]')!.textContent)).toEqual(['0.8', '0.8']);
  });

  it('escapes markup in labels and ids, and drops characters XML cannot hold', () => {
    const hostile = '<script>alert("x") & \'y\'</script>\u0000\u0007\uFFFE tail';
    const view: GraphView = {
      nodes: [
        { id: 'a&<"b">', kind: 'concept', label: hostile, weight: 1, documents: ['d&1'], tags: [], keys: [] },
        { id: "c'd", kind: 'document', label: 'ok', weight: Number.NaN, documents: [], tags: [], keys: [] },
      ],
      edges: [{ id: 'e<1>', kind: 'similar', source: 'a&<"b">', target: "c'd", weight: 0.5, inferred: true, directed: false, documents: [] }],
    };
    const xml = toGraphMl(view);
    expect(wellFormed(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000\u0007\uFFFE]/);
    const doc = parse(xml);
    expect(attribute(doc.querySelector('node')!, 'id')).toBe('a&<"b">');
    expect(doc.querySelector('data[key="label"]')!.textContent).toBe('<script>alert("x") & \'y\'</script> tail');
    expect(attribute(doc.querySelector('edge')!, 'source')).toBe('a&<"b">');
    expect(attribute([...doc.querySelectorAll('node')][1]!, 'id')).toBe("c'd");
    // A weight that is not a number is left out rather than written as "NaN".
    expect([...doc.querySelectorAll('node')][1]!.querySelector('data[key="weight"]')).toBeNull();
    expect(escapeXml('a\uD800b😀')).toBe('ab😀');
  });

  it('notices broken XML (the check itself works)', () => {
    expect(wellFormed('<a><b></a></b>')).toBe(false);
    expect(wellFormed('<a>x & y</a>')).toBe(false);
    expect(wellFormed('<a>x &amp; y<b/></a>')).toBe(true);
  });

  it('writes JSON Graph Format with the same nodes, edges and data', () => {
    const json = JSON.parse(toGraphJson(graph)) as {
      graph: { directed: boolean; nodes: Record<string, { label: string; metadata: Record<string, unknown> }>; edges: Array<Record<string, unknown>> };
    };
    const view = graphView(graph);
    expect(Object.keys(json.graph.nodes)).toEqual(view.nodes.map((n) => n.id));
    expect(json.graph.edges).toHaveLength(view.edges.length);
    const similar = json.graph.edges.find((e) => e['relation'] === 'similar')!;
    expect(similar).toMatchObject({ directed: false, metadata: { inferred: true } });
    const doc = json.graph.nodes['document:doc-a']!;
    expect(doc).toMatchObject({ label: 'Photosynthesis', metadata: { kind: 'document', sourceName: 'biology/photosynthesis.md', tags: ['biology', 'plants'] } });
    expect(doc.metadata).not.toHaveProperty('memory');
  });
});
