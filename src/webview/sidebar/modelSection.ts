import { describeHostStatus, formatBytes, type EditablePreference, type FromSidebar, type PullState, type TestResult } from '../../shared/sidebarProtocol';
import { button, h, icon, select, setOptions, setValue } from './dom';
import { visibleName } from './names';
import { isMissing, modelChoices, type ViewState } from './state';

export interface Section {
  readonly body: HTMLElement[];
  update(state: ViewState): void;
}

const STATE_ICONS = { checking: 'loading', ready: 'pass', modelMissing: 'warning', unreachable: 'error' } as const;

const PICKERS = [
  { key: 'completionModel', id: 'pick-completion', label: 'Completion model', empty: undefined },
  { key: 'rewriteModel', id: 'pick-rewrite', label: 'Rewrite model', empty: 'Same as completion model' },
  { key: 'embeddingModel', id: 'pick-embedding', label: 'Embedding model', empty: 'None (word matching only)' },
] as const satisfies readonly { key: EditablePreference; id: string; label: string; empty: string | undefined }[];

/** Host status, model pickers filled from /api/tags, pull with progress, and a timed test generation. */
export function modelSection(post: (message: FromSidebar) => void): Section {
  const statusIcon = h('span');
  const statusText = h('span', { testid: 'host-status' });
  const status = h('p', { class: 'host-status', attrs: { role: 'status' } }, statusIcon, statusText);

  const pickers = PICKERS.map((p) => {
    const field = select(p.id, p.label, [], (value) => post({ type: 'setPreference', change: { key: p.key, value } }));
    const pull = button('Pull', () => post({ type: 'pullModel', model: field.control.value }), { icon: 'cloud-download', secondary: true, testid: `${p.id}-pull` });
    field.row.append(pull);
    return { ...p, ...field, pull };
  });

  const pullName = h('input', { testid: 'pull-name', attrs: { id: 'pull-name', type: 'text', placeholder: 'e.g. qwen2.5:3b', spellcheck: 'false' } });
  const pullOther = button('Pull', () => pullName.value.trim() && post({ type: 'pullModel', model: pullName.value.trim() }), { icon: 'cloud-download', secondary: true, testid: 'pull-other' });
  pullName.addEventListener('keydown', (e) => e.key === 'Enter' && pullOther.click());
  const pullRow = h('div', { class: 'field' }, h('label', { text: 'Pull another model', attrs: { for: 'pull-name' } }), h('div', { class: 'inline' }, pullName, pullOther));

  const progress = h('progress', { attrs: { max: '1', 'aria-label': 'Pull progress' } });
  const pullStatus = h('p', { class: 'note', testid: 'pull-status', attrs: { role: 'status' } });
  const pullBox = h('div', { class: 'pull' }, progress, pullStatus);

  const testButton = button('Test', () => post({ type: 'testModel', model: pickers[0].control.value }), { icon: 'beaker', testid: 'test-model' });
  const testResult = h('p', { class: 'note', testid: 'test-result', attrs: { role: 'status' } });
  const actions = h(
    'div',
    { class: 'actions' },
    testButton,
    button('Check connection', () => post({ type: 'checkConnection' }), { icon: 'refresh', secondary: true }),
    button('Refresh models', () => post({ type: 'refreshModels' }), { icon: 'list-unordered', secondary: true }),
    button('Show log', () => post({ type: 'showLog' }), { icon: 'output', secondary: true }),
  );

  return {
    body: [status, ...pickers.map((p) => p.row), pullRow, pullBox, actions, testResult],
    update(state) {
      if (state.hostStatus) {
        statusText.textContent = describeHostStatus(state.hostStatus);
        statusIcon.className = `codicon codicon-${STATE_ICONS[state.hostStatus.state]}`;
        status.dataset.state = state.hostStatus.state;
      }
      const prefs = state.preferences;
      for (const p of pickers) {
        const configured = prefs?.[p.key] ?? '';
        setOptions(p.control, modelChoices(state.models, configured, p.empty));
        setValue(p.control, configured);
        p.pull.hidden = !isMissing(state.models, configured);
        p.pull.setAttribute('aria-label', `Pull ${configured}`);
      }
      showPull(state.pull, pullBox, progress, pullStatus);
      showTest(state.test, testResult);
      testButton.disabled = state.test?.state === 'running' || !prefs?.completionModel;
    },
  };
}

function showPull(pull: PullState | undefined, box: HTMLElement, progress: HTMLProgressElement, text: HTMLElement): void {
  box.hidden = !pull;
  if (!pull) return;
  box.dataset.state = pull.state;
  progress.hidden = pull.state !== 'pulling';
  if (pull.state === 'pulling' && pull.total) progress.value = (pull.completed ?? 0) / pull.total;
  else progress.removeAttribute('value');
  text.textContent =
    pull.state === 'done' ? `Pulled ${visibleName(pull.model)}.`
    : pull.state === 'failed' ? `Could not pull ${visibleName(pull.model)}: ${pull.detail}`
    : `Pulling ${visibleName(pull.model)}: ${pull.status}${pull.total ? ` (${formatBytes(pull.completed ?? 0)} of ${formatBytes(pull.total)})` : ''}`;
}

function showTest(test: TestResult | undefined, node: HTMLElement): void {
  node.hidden = !test;
  if (!test) return;
  node.dataset.state = test.state;
  node.replaceChildren(
    icon(test.state === 'ok' ? 'pass' : test.state === 'failed' ? 'error' : 'loading'),
    test.state === 'ok' ? `${visibleName(test.model)} answered in ${test.latencyMs} ms: “${test.text}”`
    : test.state === 'failed' ? `${visibleName(test.model)} failed: ${test.detail}`
    : `Testing ${visibleName(test.model)}…`,
  );
}
