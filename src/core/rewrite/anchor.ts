/**
 * Where the selected text is while the model writes: the range follows edits before it, and any edit that touches it
 * marks it changed, so accepting a rewrite never overwrites text the writer changed in the meantime.
 */

/** One edit as the editor reports it, in offsets of the document before the edit. */
export interface TextChange {
  readonly offset: number;
  readonly deletedLength: number;
  readonly insertedText: string;
}

export type AnchorState =
  | { readonly kind: 'intact'; readonly start: number; readonly end: number }
  | { readonly kind: 'changed' };

export class SelectionAnchor {
  private start: number;
  private end: number;
  private touched = false;

  constructor(
    start: number,
    end: number,
    /** The text that was selected: checked again at the end, in case an edit slipped past the tracking. */
    readonly original: string,
  ) {
    this.start = start;
    this.end = end;
  }

  /** Follows one batch of edits; the editor reports a batch's changes against the text before any of them. */
  follow(changes: readonly TextChange[]): void {
    // Applied from the end of the document backwards so earlier offsets stay valid.
    for (const change of [...changes].sort((a, b) => b.offset - a.offset)) this.followOne(change);
  }

  private followOne(change: TextChange): void {
    const changeEnd = change.offset + change.deletedLength;
    const delta = change.insertedText.length - change.deletedLength;
    if (changeEnd <= this.start) {
      this.start += delta;
      this.end += delta;
    } else if (change.offset < this.end) {
      this.touched = true;
    }
  }

  /** Where to put the rewrite now, given the document's current text; `changed` means refuse. */
  locate(documentText: string): AnchorState {
    if (this.touched || documentText.slice(this.start, this.end) !== this.original) return { kind: 'changed' };
    return { kind: 'intact', start: this.start, end: this.end };
  }
}
