import type { DocumentPreference, ExplainedExemplar, FromSidebar, Preferences } from '../../shared/sidebarProtocol';
import { ago, baseName, h, icon, replaceKeepingFocus } from './dom';
import type { Section } from './modelSection';
import { visibleName } from './names';

/** The exemplars behind the last suggestion: each opens its source at the passage, and can be avoided or preferred. */
export function whySection(post: (message: FromSidebar) => void): Section {
  const summary = h('p', { class: 'note', testid: 'why-summary' });
  const list = h('ol', { class: 'exemplars', testid: 'exemplars', attrs: { 'aria-label': 'Passages used as examples' } });
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
          ? 'No suggestion yet. When Ownvoice suggests text, the passages of your writing it used show here.'
          : 'This version does not report the passages behind its suggestions yet.';
        list.replaceChildren();
        return;
      }
      const count = suggestion.exemplars.length;
      summary.textContent = `Last ${suggestion.kind} (${ago(suggestion.at)}, ${visibleName(suggestion.model)}): ${count === 0 ? 'no passages of your writing were used.' : `${count} passage${count === 1 ? '' : 's'} of your writing.`}`;
      replaceKeepingFocus(list, suggestion.exemplars.map((e, i) => exemplarItem(e, i, preferences, post)));
    },
  };
}

function exemplarItem(exemplar: ExplainedExemplar, index: number, preferences: Preferences | undefined, post: (message: FromSidebar) => void): HTMLElement {
  const place = `${baseName(exemplar.docId)}:${exemplar.line}`;
  const link = h('a', { class: 'source', testid: `exemplar-link-${index}`, attrs: { href: '#', title: `Open ${visibleName(exemplar.docId)} at line ${exemplar.line}` } }, icon('go-to-file'), place);
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
    h('div', { class: 'score' }, h('span', { class: 'badge', text: exemplar.score.toFixed(2), attrs: { title: 'Score' } }), ...exemplar.reasons.map((r) => h('span', { class: 'reason', text: r }))),
    // The writer's own text: textContent only, so markup in a document shows as the characters it is.
    h('blockquote', { class: 'passage', testid: `exemplar-text-${index}`, text: exemplar.text }),
    h('div', { class: 'actions' }, toggle('never', 'Never use this document', 'circle-slash', exemplar, current, index, post), toggle('prefer', 'Prefer this document', 'star-empty', exemplar, current, index, post)),
  );
}

/** A pressed toggle sends `default`, so a second press undoes the first. */
function toggle(
  preference: 'never' | 'prefer',
  label: string,
  codicon: string,
  exemplar: ExplainedExemplar,
  current: DocumentPreference,
  index: number,
  post: (message: FromSidebar) => void,
): HTMLButtonElement {
  const pressed = current === preference;
  const node = h(
    'button',
    { class: 'secondary toggle', testid: `${preference}-${index}`, attrs: { type: 'button', 'aria-pressed': String(pressed), 'aria-label': `${label}: ${visibleName(exemplar.docId)}` } },
    icon(pressed && preference === 'prefer' ? 'star-full' : codicon),
    label.replace(' this document', ''),
  );
  node.addEventListener('click', () => post({ type: 'documentPreference', passageId: exemplar.passageId, preference: pressed ? 'default' : preference }));
  return node;
}
