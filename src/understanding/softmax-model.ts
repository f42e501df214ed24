/** A labelled example as the model trains on it: its features and its label. */
export interface TrainingRow<Label extends string> {
  features: string[];
  label: Label;
}

export interface ModelSettings {
  /** Passes over the examples. */
  epochs: number;
  /** Step size of the first pass; each later pass takes 0.9 of the one before. */
  learningRate: number;
  /** Weight decay: keeps any one feature from deciding alone. */
  l2: number;
}

/**
 * 12 passes from step 1: on the training folds as accurate as 20 from 0.5 (89.4 vs 89.1 %) in half the
 * start-up time. Each example's step is scaled by the square root of how rare its intent is: 89.2 → 89.8 %.
 */
export const DEFAULT_MODEL_SETTINGS: ModelSettings = { epochs: 12, learningRate: 1, l2: 1e-4 };

/**
 * Multinomial logistic regression over sparse TF-IDF features, trained by stochastic gradient
 * descent in a fixed order (a seeded shuffle), so the same examples always give the same model.
 * Small enough to train at start-up (a few hundred ms on ~1,500 examples) and to read a message in
 * microseconds; its probabilities are the confidence the abstain ladder compares with a threshold.
 */
export class SoftmaxModel<Label extends string> {
  readonly labels: Label[];
  private readonly vocabulary = new Map<string, number>();
  private readonly idf: Float32Array;
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;

  constructor(rows: ReadonlyArray<TrainingRow<Label>>, settings: ModelSettings = DEFAULT_MODEL_SETTINGS) {
    this.labels = [...new Set(rows.map((r) => r.label))].sort();
    const documents = new Map<string, number>();
    for (const row of rows) for (const f of row.features) documents.set(f, (documents.get(f) ?? 0) + 1);
    for (const f of [...documents.keys()].sort()) this.vocabulary.set(f, this.vocabulary.size);
    this.idf = new Float32Array(this.vocabulary.size);
    for (const [f, i] of this.vocabulary) this.idf[i] = Math.log((1 + rows.length) / (1 + (documents.get(f) ?? 0))) + 1;
    this.weights = new Float32Array(this.vocabulary.size * this.labels.length);
    this.bias = new Float32Array(this.labels.length);
    this.train(rows, settings);
  }

  /** The probability of each label, in `labels` order. */
  probabilities(features: readonly string[]): Float64Array {
    const [keys, values] = this.encode(features);
    return this.probabilitiesOf(keys, values);
  }

  private encode(features: readonly string[]): [number[], number[]] {
    const keys: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (const f of features) {
      const i = this.vocabulary.get(f);
      if (i === undefined) continue;
      keys.push(i);
      values.push(this.idf[i]!);
      norm += this.idf[i]! ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    return [keys, values.map((v) => v / norm)];
  }

  private train(rows: ReadonlyArray<TrainingRow<Label>>, { epochs, learningRate, l2 }: ModelSettings): void {
    const L = this.labels.length;
    const encoded = rows.map((r) => this.encode(r.features));
    const targets = rows.map((r) => this.labels.indexOf(r.label));
    const order = rows.map((_, i) => i);
    const counts = new Float64Array(L);
    for (const t of targets) counts[t]! += 1;
    // An intent with many examples (person, scam) would otherwise pull the doubtful messages its way.
    const weight = Array.from(counts, (n) => Math.sqrt(rows.length / (L * n)));
    let seed = 20261206;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let rate = learningRate;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of order) {
        const [keys, values] = encoded[i]!;
        const p = this.probabilitiesOf(keys, values);
        for (let c = 0; c < L; c++) {
          const gradient = (p[c]! - (c === targets[i] ? 1 : 0)) * weight[targets[i]!]!;
          if (Math.abs(gradient) < 1e-4) continue;
          for (let j = 0; j < keys.length; j++) {
            const w = keys[j]! * L + c;
            this.weights[w] = this.weights[w]! - rate * (gradient * values[j]! + l2 * this.weights[w]!);
          }
          this.bias[c] = this.bias[c]! - rate * gradient * 0.1;
        }
      }
      rate *= 0.9;
    }
  }

  private probabilitiesOf(keys: number[], values: number[]): Float64Array {
    const L = this.labels.length;
    const z = new Float64Array(L);
    let max = -Infinity;
    for (let c = 0; c < L; c++) {
      let sum = this.bias[c]!;
      for (let j = 0; j < keys.length; j++) sum += this.weights[keys[j]! * L + c]! * values[j]!;
      z[c] = sum;
      if (sum > max) max = sum;
    }
    let total = 0;
    for (let c = 0; c < L; c++) total += z[c] = Math.exp(z[c]! - max);
    for (let c = 0; c < L; c++) z[c] = z[c]! / total;
    return z;
  }
}
