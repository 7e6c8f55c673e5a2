import type { DocumentPreference, ExplainedExemplar, FromSidebar, Preferences } from '../../shared/sidebarProtocol';
import { ago, baseName, h, icon, replaceKeepingFocus } from './dom';
import type { Section } from './modelSection';
import { visibleName } from './names';
import { t } from './l10n';

/** The exemplars behind the last suggestion: each opens its source at the passage, and can be avoided or preferred. */
export function whySection(post: (message: FromSidebar) => void): Section {
  const summary = h('p', { class: 'note', testid: 'why-summary' });
  const list = h('ol', { class: 'exemplars', testid: 'exemplars', attrs: { 'aria-label': t('Passages used as examples') } });
  let shown = '';

  return {
    body: [summary, list],
    update({ suggestion, preferences, capabilities }) {
      const key = JSON.stringify([suggestion, preferences?.neverDocuments, preferences?.preferDocuments, capabilities?.explain]);
      if (key === shown) return;
      shown = key;
      summary.dataset.available = String(!!capabilities?.explain);
      if (!suggestion) {
        summary.textContent = capabilities?.explain
          ? t('No suggestion yet. When Ownvoice suggests text, the passages of your writing it used show here.')
          : t('This version does not report the passages behind its suggestions yet.');
        list.replaceChildren();
        return;
      }
      const count = suggestion.exemplars.length;
      const used = count === 0 ? t('no passages of your writing were used.') : count === 1 ? t('1 passage of your writing.') : t('{0} passages of your writing.', count);
      const kind = suggestion.kind === 'rewrite' ? t('rewrite') : t('completion');
      summary.textContent = t('Last {0} ({1}, {2}): {3}', kind, ago(suggestion.at), visibleName(suggestion.model), used);
      replaceKeepingFocus(list, suggestion.exemplars.map((e, i) => exemplarItem(e, i, preferences, post)));
    },
  };
}

function exemplarItem(exemplar: ExplainedExemplar, index: number, preferences: Preferences | undefined, post: (message: FromSidebar) => void): HTMLElement {
  const place = `${baseName(exemplar.docId)}:${exemplar.line}`;
  const link = h('a', { class: 'source', testid: `exemplar-link-${index}`, attrs: { href: '#', title: t('Open {0} at line {1}', visibleName(exemplar.docId), exemplar.line) } }, icon('go-to-file'), place);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    post({ type: 'openExemplar', passageId: exemplar.passageId });
  });
  const heading = exemplar.headingPath.length ? h('span', { class: 'heading', text: exemplar.headingPath.join(' › ') }) : '';
  const current: DocumentPreference = preferences?.neverDocuments.includes(exemplar.docId) ? 'never' : preferences?.preferDocuments.includes(exemplar.docId) ? 'prefer' : 'default';
  return h(
    'li',
    { class: 'exemplar', testid: `exemplar-${index}`, attrs: { 'data-preference': current } },
    h('div', { class: 'exemplar-head' }, link, heading),
    h('div', { class: 'score' }, h('span', { class: 'badge', text: exemplar.score.toFixed(2), attrs: { title: t('Score') } }), ...exemplar.reasons.map((r) => h('span', { class: 'reason', text: r }))),
    // The writer's own text: textContent only, so markup in a document shows as the characters it is.
    h('blockquote', { class: 'passage', testid: `exemplar-text-${index}`, text: exemplar.text }),
    h('div', { class: 'actions' }, toggle('never', t('Never use this document'), t('Never use'), 'circle-slash', exemplar, current, index, post), toggle('prefer', t('Prefer this document'), t('Prefer'), 'star-empty', exemplar, current, index, post)),
  );
}

/** A pressed toggle sends `default`, so a second press undoes the first. */
function toggle(
  preference: 'never' | 'prefer',
  label: string,
  shortLabel: string,
  codicon: string,
  exemplar: ExplainedExemplar,
  current: DocumentPreference,
  index: number,
  post: (message: FromSidebar) => void,
): HTMLButtonElement {
  const pressed = current === preference;
  const node = h(
    'button',
    { class: 'secondary toggle', testid: `${preference}-${index}`, attrs: { type: 'button', 'aria-pressed': String(pressed), 'aria-label': t('{0}: {1}', label, visibleName(exemplar.docId)) } },
    icon(pressed && preference === 'prefer' ? 'star-full' : codicon),
    shortLabel,
  );
  node.addEventListener('click', () => post({ type: 'documentPreference', passageId: exemplar.passageId, preference: pressed ? 'default' : preference }));
  return node;
}
