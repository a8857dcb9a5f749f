/**
 * Fitting the model's head — the weights that turn attention received, centrality and the structural
 * features into salience — by L2-regularised logistic regression on labelled key sentences, solved with
 * Newton's method (the problem is small and convex, so the answer is exact and deterministic).
 */

export interface HeadExample {
  /** The head's inputs for one sentence (attention, interest, centrality, features…). */
  inputs: ArrayLike<number>;
  /** 1 for a key sentence. */
  label: 0 | 1;
}

export interface FittedHeadWeights {
  head: number[];
  bias: number;
  /** Mean log-loss on the examples after fitting. */
  logLoss: number;
  iterations: number;
}

/** Solves A·x = b for a small symmetric positive-definite A by Cholesky decomposition. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

/**
 * Weights for the inputs `use` selects (others stay 0, e.g. the user-interest term a base model cannot
 * know), plus a bias. `l2` shrinks weights toward zero (not the bias).
 */
export function fitHead(examples: readonly HeadExample[], use: readonly boolean[], options: { l2?: number; maxIterations?: number } = {}): FittedHeadWeights {
  const l2 = options.l2 ?? 1e-2;
  const columns = use.flatMap((on, i) => (on ? [i] : []));
  const n = columns.length + 1;
  let w = new Array<number>(n).fill(0);
  const row = (example: HeadExample) => [...columns.map((c) => example.inputs[c]!), 1];
  let iterations = 0;
  for (; iterations < (options.maxIterations ?? 50); iterations++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const example of examples) {
      const x = row(example);
      const z = x.reduce((sum, xi, i) => sum + xi * w[i]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let i = 0; i < n; i++) {
        gradient[i]! += (p - example.label) * x[i]!;
        for (let j = 0; j <= i; j++) hessian[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) hessian[j]![i] = hessian[i]![j]!;
      if (i < n - 1) {
        gradient[i]! += l2 * examples.length * w[i]!;
        hessian[i]![i]! += l2 * examples.length;
      }
    }
    const step = solve(hessian, gradient);
    w = w.map((wi, i) => wi - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  let loss = 0;
  for (const example of examples) {
    const z = row(example).reduce((sum, xi, i) => sum + xi * w[i]!, 0);
    const p = 1 / (1 + Math.exp(-z));
    loss -= example.label ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
  }
  const head = use.map(() => 0);
  columns.forEach((c, i) => (head[c] = w[i]!));
  return { head, bias: w[n - 1]!, logLoss: loss / Math.max(1, examples.length), iterations };
}
