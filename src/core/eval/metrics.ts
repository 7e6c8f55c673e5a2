/** Mean of each author's mean: every writer counts the same, however many pairs they have. */
export function meanOverAuthors(values: ReadonlyArray<{ author: string; value: number }>): number {
  const byAuthor = new Map<string, number[]>();
  for (const v of values) {
    const list = byAuthor.get(v.author);
    if (list) list.push(v.value);
    else byAuthor.set(v.author, [v.value]);
  }
  if (!byAuthor.size) return 0;
  let total = 0;
  for (const list of byAuthor.values()) total += mean(list);
  return total / byAuthor.size;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

/** Share of the exemplars written by the pair's own author (0 with no exemplars). */
export function authorShare(exemplarAuthors: readonly string[], author: string, count = 5): number {
  return exemplarAuthors.filter((a) => a === author).length / count;
}

/** Spearman's rank correlation with average ranks for ties; null when either side has no spread. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 2) return null;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mx = mean(rx);
  const my = mean(ry);
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < rx.length; i++) {
    cov += (rx[i] - mx) * (ry[i] - my);
    vx += (rx[i] - mx) ** 2;
    vy += (ry[i] - my) ** 2;
  }
  return vx && vy ? cov / Math.sqrt(vx * vy) : null;
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k].i] = rank;
    start = end + 1;
  }
  return out;
}

/** Share of selections that chose no exemplar. */
export function abstainRate(exemplarCounts: readonly number[]): number {
  return exemplarCounts.length ? exemplarCounts.filter((n) => n === 0).length / exemplarCounts.length : 0;
}

/** The 95th percentile by nearest rank. */
export function percentile95(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

/** Authors with fewer scored pairs than this say little about their own ranking. */
const MIN_AUTHOR_PAIRS = 10;

/** Spearman's correlation of predicted and realised benefit within each author, averaged over authors with enough pairs. */
export function spearmanWithinAuthors(scored: ReadonlyArray<{ author: string; predicted: number; gain: number }>): number | null {
  const byAuthor = new Map<string, { predicted: number; gain: number }[]>();
  for (const o of scored) byAuthor.set(o.author, [...(byAuthor.get(o.author) ?? []), o]);
  const values = [...byAuthor.values()]
    .filter((list) => list.length >= MIN_AUTHOR_PAIRS)
    .map((list) => spearman(list.map((o) => o.predicted), list.map((o) => o.gain)))
    .filter((v): v is number => v !== null);
  return values.length ? mean(values) : null;
}
