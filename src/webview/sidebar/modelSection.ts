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

/**
 * Host status, model pickers filled from /api/tags (each offering only the models that fit it), pull with progress,
 * and a timed test generation; when Ollama is unreachable, a welcome card with what to do instead.
 */
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
  let pulledByName = '';
  const pullOther = button('Pull', () => {
    pulledByName = pullName.value.trim();
    if (pulledByName) post({ type: 'pullModel', model: pulledByName });
  }, { icon: 'cloud-download', secondary: true, testid: 'pull-other' });
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
    button('Show log', () => post({ type: 'showLog' }), { icon: 'output', secondary: true }),
  );
  const welcome = unreachableCard(post);
  const usual = h('div', { class: 'usual' }, ...pickers.map((p) => p.row), pullRow, pullBox, actions, testResult);

  return {
    body: [status, welcome, usual],
    update(state) {
      if (state.hostStatus) {
        statusText.textContent = describeHostStatus(state.hostStatus);
        statusIcon.className = `codicon codicon-${STATE_ICONS[state.hostStatus.state]}`;
        status.dataset.state = state.hostStatus.state;
      }
      const unreachable = state.hostStatus?.state === 'unreachable';
      welcome.hidden = !unreachable;
      usual.hidden = unreachable;
      const prefs = state.preferences;
      for (const p of pickers) {
        const configured = prefs?.[p.key] ?? '';
        setOptions(p.control, modelChoices(state.models, configured, p.empty, p.key === 'embeddingModel' ? state.fit?.embed : state.fit?.write));
        setValue(p.control, configured);
        p.pull.hidden = !isMissing(state.models, configured);
        p.pull.setAttribute('aria-label', `Pull ${configured}`);
      }
      showPull(state.pull, pullBox, progress, pullStatus);
      // A pull by name that finished clears the field, ready for the next one.
      if (state.pull?.state === 'done' && state.pull.model === pulledByName && pullName.value.trim() === pulledByName) {
        pullName.value = '';
        pulledByName = '';
      }
      showTest(state.test, testResult);
      testButton.disabled = state.test?.state === 'running' || !prefs?.completionModel;
    },
  };
}

/** What a newcomer without Ollama needs: where to get it, a way to check again, the host setting, the first steps. */
function unreachableCard(post: (message: FromSidebar) => void): HTMLElement {
  return h(
    'div',
    { class: 'welcome', testid: 'welcome-unreachable' },
    h('p', { text: 'Ownvoice writes with Ollama, a free program that runs language models on your own machine. Install it and start it (open the Ollama app, or run "ollama serve"); this view notices by itself.' }),
    h(
      'div',
      { class: 'actions' },
      button('Get Ollama', () => post({ type: 'getOllama' }), { icon: 'link-external', testid: 'get-ollama' }),
      button('Check again', () => post({ type: 'checkConnection' }), { icon: 'refresh', secondary: true, testid: 'check-again' }),
      button('Open settings', () => post({ type: 'openHostSetting' }), { icon: 'gear', secondary: true, testid: 'open-host-setting' }),
      button('First steps', () => post({ type: 'openWalkthrough' }), { icon: 'checklist', secondary: true, testid: 'open-walkthrough' }),
    ),
  );
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
