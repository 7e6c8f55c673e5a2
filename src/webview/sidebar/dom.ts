// DOM helpers for the sidebar. Text goes in through textContent only, so document text can never become markup.
import { visibleName } from './names';
import { t } from './l10n';

type Child = Node | string;

export interface Props {
  readonly class?: string;
  readonly text?: string;
  readonly testid?: string;
  /** Plain attributes (aria-*, role, title, type, ...); values are set as attribute text, never parsed. */
  readonly attrs?: Readonly<Record<string, string>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.testid) node.dataset.testid = props.testid;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  if (props.text !== undefined) node.textContent = props.text;
  node.append(...children);
  return node;
}

/** A codicon; hidden from screen readers, which read the control's own label. */
export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

export function button(label: string, onClick: () => void, options: { icon?: string; secondary?: boolean; testid?: string; ariaLabel?: string } = {}): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button' };
  if (options.ariaLabel) attrs['aria-label'] = options.ariaLabel;
  const node = h('button', { class: options.secondary ? 'secondary' : '', testid: options.testid, attrs }, ...(options.icon ? [icon(options.icon)] : []), label);
  node.addEventListener('click', onClick);
  return node;
}

/** An icon-only button: the label is for screen readers and the tooltip. */
export function iconButton(name: string, label: string, onClick: () => void, testid?: string): HTMLButtonElement {
  const node = h('button', { class: 'icon-button', testid, attrs: { type: 'button', 'aria-label': label, title: label } }, icon(name));
  node.addEventListener('click', onClick);
  return node;
}

export function select(id: string, label: string, options: readonly { value: string; label: string }[], onChange: (value: string) => void): { row: HTMLElement; control: HTMLSelectElement } {
  const control = h('select', { testid: id, attrs: { id } });
  setOptions(control, options);
  control.addEventListener('change', () => onChange(control.value));
  return { row: h('div', { class: 'field' }, h('label', { text: label, attrs: { for: id } }), control), control };
}

export function setOptions(control: HTMLSelectElement, options: readonly { value: string; label: string }[]): void {
  const value = control.value;
  control.replaceChildren(...options.map((o) => Object.assign(h('option', { text: o.label }), { value: o.value })));
  if (options.some((o) => o.value === value)) control.value = value;
}

/** Sets a control's value unless the writer is typing in it, so a settings round trip never eats keystrokes. */
export function setValue(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  if (document.activeElement === control && !(control instanceof HTMLSelectElement)) return;
  control.value = value;
}

/** A collapsible section; `<details>` gives keyboard and screen reader behaviour for free. */
export function section(id: string, title: string, codicon: string, open: boolean, onToggle: (open: boolean) => void, ...children: Child[]): HTMLDetailsElement {
  const node = h('details', { class: 'section', testid: `section-${id}` }, h('summary', {}, icon(codicon), h('h2', { text: title })), h('div', { class: 'section-body' }, ...children));
  node.open = open;
  node.addEventListener('toggle', () => onToggle(node.open));
  return node;
}

export function debounce(ms: number, run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
}

export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** The last path segment of a file path or URI, for compact labels; the full path goes in the tooltip. */
export function baseName(path: string): string {
  return visibleName(path.split(/[\\/]/).filter(Boolean).pop() ?? path);
}

export function ago(ms: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return t('just now');
  if (seconds < 3600) return t('{0} min ago', Math.round(seconds / 60));
  if (seconds < 86400) return t('{0} h ago', Math.round(seconds / 3600));
  return new Date(ms).toLocaleDateString();
}

/** Replaces a list's items and puts focus back on the control with the same test id, so keyboard users keep their place. */
export function replaceKeepingFocus(container: HTMLElement, children: readonly Node[]): void {
  const focused = document.activeElement instanceof HTMLElement && container.contains(document.activeElement) ? document.activeElement.dataset.testid : undefined;
  container.replaceChildren(...children);
  if (focused) container.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
}
