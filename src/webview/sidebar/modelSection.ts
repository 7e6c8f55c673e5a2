import { describeHostStatus, formatBytes, type EditablePreference, type FromSidebar, type PullState, type TestResult } from '../../shared/sidebarProtocol';
import { button, h, icon, select, setOptions, setValue } from './dom';
import { visibleName } from './names';
import { isMissing, modelChoices, type ViewState } from './state';
import { t } from './l10n';

export interface Section {
  readonly body: HTMLElement[];
  update(state: ViewState): void;
}

const STATE_ICONS = { checking: 'loading', ready: 'pass', modelMissing: 'warning', unreachable: 'error' } as const;

const PICKERS = [
  { key: 'completionModel', id: 'pick-completion', label: t('Completion model'), empty: undefined },
  { key: 'rewriteModel', id: 'pick-rewrite', label: t('Rewrite model'), empty: t('Same as completion model') },
  { key: 'embeddingModel', id: 'pick-embedding', label: t('Embedding model'), empty: t('None (word matching only)') },
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
    const pull = button(t('Pull'), () => post({ type: 'pullModel', model: field.control.value }), { icon: 'cloud-download', secondary: true, testid: `${p.id}-pull` });
    field.row.append(pull);
    return { ...p, ...field, pull };
  });

  const pullName = h('input', { testid: 'pull-name', attrs: { id: 'pull-name', type: 'text', placeholder: t('e.g. qwen2.5:3b'), spellcheck: 'false' } });
  let pulledByName = '';
  const pullOther = button(t('Pull'), () => {
    pulledByName = pullName.value.trim();
    if (pulledByName) post({ type: 'pullModel', model: pulledByName });
  }, { icon: 'cloud-download', secondary: true, testid: 'pull-other' });
  pullName.addEventListener('keydown', (e) => e.key === 'Enter' && pullOther.click());
  const pullRow = h('div', { class: 'field' }, h('label', { text: t('Pull another model'), attrs: { for: 'pull-name' } }), h('div', { class: 'inline' }, pullName, pullOther));

  const progress = h('progress', { attrs: { max: '1', 'aria-label': t('Pull progress') } });
  const pullStatus = h('p', { class: 'note', testid: 'pull-status', attrs: { role: 'status' } });
  const pullBox = h('div', { class: 'pull' }, progress, pullStatus);

  const testButton = button(t('Test'), () => post({ type: 'testModel', model: pickers[0].control.value }), { icon: 'beaker', testid: 'test-model' });
  const testResult = h('p', { class: 'note', testid: 'test-result', attrs: { role: 'status' } });
  const actions = h(
    'div',
    { class: 'actions' },
    testButton,
    button(t('Check connection'), () => post({ type: 'checkConnection' }), { icon: 'refresh', secondary: true }),
    button(t('Show log'), () => post({ type: 'showLog' }), { icon: 'output', secondary: true }),
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
        p.pull.setAttribute('aria-label', t('Pull {0}', configured));
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
    h('p', { text: t('Ownvoice writes with Ollama, a free program that runs language models on your own machine. Install it and start it (open the Ollama app, or run "ollama serve"); this view notices by itself.') }),
    h(
      'div',
      { class: 'actions' },
      button(t('Get Ollama'), () => post({ type: 'getOllama' }), { icon: 'link-external', testid: 'get-ollama' }),
      button(t('Check again'), () => post({ type: 'checkConnection' }), { icon: 'refresh', secondary: true, testid: 'check-again' }),
      button(t('Open settings'), () => post({ type: 'openHostSetting' }), { icon: 'gear', secondary: true, testid: 'open-host-setting' }),
      button(t('First steps'), () => post({ type: 'openWalkthrough' }), { icon: 'checklist', secondary: true, testid: 'open-walkthrough' }),
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
    pull.state === 'done' ? t('Pulled {0}.', visibleName(pull.model))
    : pull.state === 'failed' ? t('Could not pull {0}: {1}', visibleName(pull.model), pull.detail)
    : pull.total ? t('Pulling {0}: {1} ({2} of {3})', visibleName(pull.model), pull.status, formatBytes(pull.completed ?? 0), formatBytes(pull.total))
    : t('Pulling {0}: {1}', visibleName(pull.model), pull.status);
}

function showTest(test: TestResult | undefined, node: HTMLElement): void {
  node.hidden = !test;
  if (!test) return;
  node.dataset.state = test.state;
  node.replaceChildren(
    icon(test.state === 'ok' ? 'pass' : test.state === 'failed' ? 'error' : 'loading'),
    test.state === 'ok' ? t('{0} answered in {1} ms: “{2}”', visibleName(test.model), test.latencyMs, test.text)
    : test.state === 'failed' ? t('{0} did not answer: {1}', visibleName(test.model), test.detail)
    : t('Testing {0}…', visibleName(test.model)),
  );
}
