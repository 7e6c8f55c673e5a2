/** Something to undo: the same shape as vscode.Disposable, so editor adapters can push these directly. */
export interface Disposable {
  dispose(): void;
}

/** A minimal typed event, so the core can notify the editor without depending on it. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
