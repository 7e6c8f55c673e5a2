// Addresses of the web workbench, optionally with an extension-test payload.

export interface DevelopmentPayload {
  /** Absolute path of the folder holding the extension's package.json. */
  extensionDevelopmentPath: string;
  /** Absolute path of the compiled test module exporting run(); absent: the extension just runs. */
  extensionTestsPath?: string;
}

/** `/?folder=…&payload=…`; remote paths must name exactly the page's host:port. */
export function workbenchUrl(baseUrl: string, folder: string, dev?: DevelopmentPayload): string {
  const url = new URL(baseUrl);
  url.searchParams.set('folder', folder);
  if (dev) {
    const remote = (p: string): string => `vscode-remote://${url.host}${p}`;
    const payload = [['extensionDevelopmentPath', remote(dev.extensionDevelopmentPath)]];
    if (dev.extensionTestsPath) payload.push(['extensionTestsPath', remote(dev.extensionTestsPath)]);
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.toString();
}
