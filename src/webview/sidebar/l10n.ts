// The sidebar's own strings, translated through @vscode/l10n from the bundle the extension host hands the page
// (vscode.l10n.bundle, the same strings file as the extension's runtime messages), as VS Code's guidance for
// webviews does; with no bundle (English) a string is shown as written.
import * as l10n from '@vscode/l10n';

const bundle = typeof document === 'undefined' ? undefined : document.body?.dataset.l10n;
if (bundle) {
  try {
    l10n.config({ contents: bundle });
  } catch {
    // A damaged bundle leaves the sidebar in English rather than empty.
  }
}

export const t = l10n.t;
