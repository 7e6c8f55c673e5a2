// Every fault the stand-in can make, with the state the host status must show while it lasts. `faults(scale)` gives
// the same faults on a faster clock: their delays shrink by the same factor as the monitor's timing.
import type { Standin } from '../../standin/server';

export interface Fault {
  readonly name: string;
  /** The state the status must show while the fault lasts. */
  readonly expect: 'ready' | 'unreachable' | 'modelMissing';
  on(standin: Standin): Promise<void> | void;
  off(standin: Standin): Promise<void> | void;
}

export function faults(scale = 1): readonly Fault[] {
  const ms = (n: number) => Math.round(n * scale);
  const set = (name: string, expect: Fault['expect'], faults: Parameters<Standin['setFaults']>[0]): Fault =>
    ({ name, expect, on: (s) => s.setFaults(faults), off: (s) => s.clearFaults() });
  return [
    { name: 'refused', expect: 'unreachable', on: (s) => s.stopListening(), off: (s) => s.resumeListening() },
    { name: 'dropped connection (server killed)', expect: 'unreachable', on: (s) => s.stop(), off: (s) => s.start() },
    set('500', 'unreachable', { http500: true }),
    set('404 (model missing)', 'modelMissing', { unknownModel: true }),
    set('slow first token', 'ready', { slowFirstTokenMs: ms(4000) }),
    set('stalls mid-stream', 'ready', { tokenDelayMs: ms(1500) }),
    set('error line', 'ready', { errorAfterChunks: 2 }),
    set('dropped mid-stream', 'ready', { dropAfterChunks: 2 }),
    set('cold load', 'ready', { coldLoadMs: ms(3000) }),
    set('garbage bytes', 'ready', { garbageAfterChunks: 2 }),
    set('never-ending stream', 'ready', { endlessStream: true }),
    set('answer for another model', 'ready', { answerForAnotherModel: true }),
  ];
}

export const FAULTS = faults();
