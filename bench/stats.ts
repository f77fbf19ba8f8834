/** Nearest-rank percentile of a sample (ms). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (ms: number, digits = 1) => Math.round(ms * 10 ** digits) / 10 ** digits;
