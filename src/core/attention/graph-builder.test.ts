import pkg from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { DATA_INPUT_NAMES, OPSET_VERSION, OUTPUT_NAMES, buildAttentionGraph } from './graph-builder';
import { PARAM_NAMES } from './params';

const { onnx } = pkg;

function dimsOf(info: OnnxTypes.IValueInfoProto): (number | string)[] {
  return (info.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue)));
}

function graphOf(bytes: Uint8Array): { inputs: Record<string, (number | string)[]>; outputs: string[]; initializers: OnnxTypes.ITensorProto[] } {
  const graph = onnx.ModelProto.decode(bytes).graph;
  if (!graph) throw new Error('model has no graph');
  return {
    inputs: Object.fromEntries((graph.input ?? []).map((i) => [i.name ?? '', dimsOf(i)])),
    outputs: (graph.output ?? []).map((o) => o.name ?? ''),
    initializers: graph.initializer ?? [],
  };
}

describe('attention graph builder', () => {
  it('builds the same bytes every time', () => {
    expect(buildAttentionGraph({ featureCount: 8 })).toEqual(buildAttentionGraph({ featureCount: 8 }));
  });

  it('declares opset 13, the data and parameter inputs with dynamic B, L, M, and the outputs', () => {
    const bytes = buildAttentionGraph({ featureCount: 8 });
    expect(onnx.ModelProto.decode(bytes).opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', OPSET_VERSION]]);
    const { inputs, outputs } = graphOf(bytes);
    expect(Object.keys(inputs)).toEqual([...DATA_INPUT_NAMES, ...PARAM_NAMES]);
    expect(inputs).toMatchObject({
      tokens: ['B', 'L', 100],
      token_prior: ['B', 'L'],
      summary: ['M', 100],
      features: ['B', 8],
      w_q: [100, 32],
      a_q: [100, 4],
      b_q: [4, 32],
      head: [11],
      head_bias: [1],
    });
    expect(outputs).toEqual([...OUTPUT_NAMES]);
  });

  it('bakes no parameter into the graph: its only initializers are scalars and axes', () => {
    for (const init of graphOf(buildAttentionGraph({ featureCount: 8 })).initializers) {
      expect((init.dims ?? []).map(Number).reduce((a, b) => a * b, 1)).toBeLessThanOrEqual(1);
    }
  });

  it('sizes the features input and head by F', () => {
    const { inputs } = graphOf(buildAttentionGraph({ featureCount: 3 }));
    expect(inputs.features).toEqual(['B', 3]);
    expect(inputs.head).toEqual([6]);
  });
});
