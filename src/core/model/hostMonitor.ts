import { Emitter, type Disposable } from '../common/events';
import { describeProblem, ModelError } from './errors';
import type { ModelHost } from './modelHost';

export type HostStatus =
  | { readonly state: 'checking'; readonly host: string }
  | { readonly state: 'ready'; readonly host: string; readonly version: string; readonly model: string }
  | { readonly state: 'modelMissing'; readonly host: string; readonly version: string; readonly model: string }
  | { readonly state: 'unreachable'; readonly host: string; readonly detail: string };

export interface MonitorTiming {
  /** Between checks while the host answers: short, so a stopped server shows within seconds. */
  readonly healthyIntervalMs: number;
  /** First retry after a failure; doubles up to maxBackoffMs so a missing Ollama costs almost nothing. */
  readonly firstBackoffMs: number;
  readonly maxBackoffMs: number;
}

/**
 * The backoff stops at 4 s: a host that comes back after a long outage is seen within 5 s (at 15 s the status went on
 * saying "unreachable" for up to 15 s, found by the soak run). A version request every 4 s costs the host nothing.
 */
export const DEFAULT_TIMING: MonitorTiming = { healthyIntervalMs: 3000, firstBackoffMs: 1000, maxBackoffMs: 4000 };

/** Watches whether the model host answers and whether it has the chosen model. */
export class HostMonitor implements Disposable {
  private readonly changed = new Emitter<HostStatus>();
  readonly onDidChange = this.changed.event;
  private current: HostStatus;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoffMs: number;
  private disposed = false;
  private checking: Promise<HostStatus> | undefined;

  constructor(
    private host: ModelHost,
    private model: string,
    private readonly timing: MonitorTiming = DEFAULT_TIMING,
  ) {
    this.current = { state: 'checking', host: host.host };
    this.backoffMs = timing.firstBackoffMs;
  }

  get status(): HostStatus {
    return this.current;
  }

  start(): void {
    void this.checkNow();
  }

  /** Called when settings change: forget what we knew and look again at once. */
  retarget(host: ModelHost, model: string): void {
    this.host = host;
    this.model = model;
    this.update({ state: 'checking', host: host.host });
    this.backoffMs = this.timing.firstBackoffMs;
    // A check of the old host still under way answers for the old host only: sharing it left "checking" forever.
    this.checking = undefined;
    void this.checkNow();
  }

  /** Checks now (sharing a check of the same host already under way) and reschedules the next one. */
  checkNow(): Promise<HostStatus> {
    if (this.checking) return this.checking;
    const check = this.probe().finally(() => {
      if (this.checking === check) this.checking = undefined;
    });
    this.checking = check;
    return check;
  }

  private async probe(): Promise<HostStatus> {
    clearTimeout(this.timer);
    const host = this.host;
    const model = this.model;
    const status = await readStatus(host, model);
    if (this.disposed || host !== this.host || model !== this.model) return status;
    this.update(status);
    this.schedule(status.state === 'unreachable');
    return status;
  }

  private schedule(failing: boolean): void {
    const delay = failing ? this.backoffMs : this.timing.healthyIntervalMs;
    this.backoffMs = failing ? Math.min(this.backoffMs * 2, this.timing.maxBackoffMs) : this.timing.firstBackoffMs;
    this.timer = setTimeout(() => void this.checkNow(), delay);
  }

  private update(status: HostStatus): void {
    if (sameStatus(status, this.current)) return;
    this.current = status;
    this.changed.fire(status);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

async function readStatus(host: ModelHost, model: string): Promise<HostStatus> {
  try {
    const version = await host.version();
    const models = await host.listModels();
    const present = models.some((m) => m === model || m === `${model}:latest` || `${m}:latest` === model);
    return { state: present ? 'ready' : 'modelMissing', host: host.host, version, model };
  } catch (error) {
    const problem = error instanceof ModelError ? error.problem : undefined;
    const detail = problem?.kind === 'unreachable' ? problem.detail : problem ? describeProblem(problem) : String(error);
    return { state: 'unreachable', host: host.host, detail };
  }
}

function sameStatus(a: HostStatus, b: HostStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
