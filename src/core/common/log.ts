/** Where the core writes what happened; the editor maps it to a LogOutputChannel, tests to an array. */
export interface Log {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export const silentLog: Log = { trace() {}, info() {}, warn() {}, error() {} };
