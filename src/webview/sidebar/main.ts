import type { FromSidebar, ToSidebar } from '../../shared/sidebarProtocol';
import { describeHostStatus } from '../../shared/sidebarProtocol';

interface VsCodeApi {
  postMessage(message: FromSidebar): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const statusLine = element('p', { className: 'host-status' });
statusLine.dataset.testid = 'host-status';
statusLine.setAttribute('role', 'status');

const checkButton = element('button', { type: 'button', textContent: 'Check connection' });
checkButton.addEventListener('click', () => vscode.postMessage({ type: 'checkConnection' }));
const logButton = element('button', { type: 'button', textContent: 'Show log', className: 'secondary' });
logButton.addEventListener('click', () => vscode.postMessage({ type: 'showLog' }));

root.append(
  element('section', { className: 'model' }, element('h2', { textContent: 'Model' }), statusLine, element('div', { className: 'actions' }, checkButton, logButton)),
);

window.addEventListener('message', (event: MessageEvent<ToSidebar>) => {
  const message = event.data;
  if (message?.type === 'hostStatus') {
    // textContent, never innerHTML: whatever the host or a document says is shown as text.
    statusLine.textContent = describeHostStatus(message.status);
    statusLine.dataset.state = message.status.state;
  }
});

vscode.postMessage({ type: 'ready' });
