import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Builds a webview page with a strict Content-Security-Policy: no remote resources, scripts only by nonce. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { title: string; script: string; style: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, page.script));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, page.style));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}">
<title>${page.title}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
