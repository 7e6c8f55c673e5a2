import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Builds every webview page with a strict Content-Security-Policy: no remote resources, scripts only by nonce. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { title: string; script: string; styles: readonly string[]; l10n?: Readonly<Record<string, string>> }): string {
  const nonce = randomBytes(16).toString('base64');
  const resource = (path: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, path)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const links = page.styles.map((style) => `<link rel="stylesheet" href="${escapeAttribute(resource(style))}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
<title>${escapeAttribute(page.title)}</title>
</head>
<body${page.l10n ? ` data-l10n="${escapeAttribute(JSON.stringify(page.l10n))}"` : ''}>
<main id="root"></main>
<script nonce="${nonce}" src="${escapeAttribute(resource(page.script))}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
