/** Delay before retry number `attempt` (1-based): 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
