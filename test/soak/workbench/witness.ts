// What the stand-in's records and the extension host's logs say about a run, read the same way by each browser part.
import type { RequestCost } from '../../standin/server';

/** A request that completed although a later one arrived while it ran: superseded and not aborted. */
export function supersededCompleted(costs: readonly RequestCost[]): RequestCost[] {
  const byArrival = [...costs].sort((a, b) => a.receivedAt - b.receivedAt);
  return byArrival.filter((cost, i) => {
    const next = byArrival[i + 1];
    // 20 ms: the final chunk and the next request may cross on the wire.
    return cost.outcome === 'completed' && next !== undefined && next.receivedAt < cost.receivedAt + cost.queueMs + cost.modelMs - 20;
  });
}

const REJECTION = /rejected promise not handled|unhandled ?rejection|uncaught exception/i;

/** Lines of the extension host's log and of the page's console that report an unhandled rejection or exception. */
export function unhandledRejections(log: string, console: readonly string[]): string[] {
  return [...log.split('\n'), ...console].filter((line) => REJECTION.test(line));
}
