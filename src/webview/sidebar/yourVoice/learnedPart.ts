import type { FromSidebar, MemoryView } from '../../../shared/sidebarProtocol';
import { button, h, iconButton, replaceKeepingFocus } from '../dom';
import type { Section } from '../modelSection';
import type { ViewState } from '../state';
import { t } from '../l10n';

/** What Ownvoice learned from the writer's reactions: word rules and rewrite picks, each removable. */
export function learnedPart(post: (message: FromSidebar) => void): Section {
  const heading = h('h3', { class: 'voice-subheading', text: t('Learned from your edits') });
  const intro = h('p', { class: 'note', testid: 'learned-basis' });
  const rules = h('ul', { class: 'learned', testid: 'learned-rules', attrs: { 'aria-label': t('Word rules learned from your corrections') } });
  const choicesHeading = h('h3', { class: 'voice-subheading', text: t('Rewrites you preferred') });
  const choices = h('ul', { class: 'learned', testid: 'learned-choices', attrs: { 'aria-label': t('Rewrite alternatives you chose') } });
  const forget = button(t('Forget my edits'), () => post({ type: 'forgetReactions' }), { icon: 'clear-all', secondary: true, testid: 'learned-forget' });
  forget.title = t('Forgets the corrections and kept suggestions Ownvoice brings back to the model; the rules above stay until you remove them.');
  let shown = '';

  return {
    body: [heading, intro, rules, choicesHeading, choices, h('div', { class: 'actions' }, forget)],
    update({ memory }: ViewState) {
      intro.textContent = basisText(memory);
      forget.disabled = !memory || (!memory.corrections && !memory.accepted);
      const key = JSON.stringify(memory ?? null);
      if (key === shown) return;
      shown = key;
      replaceKeepingFocus(rules, (memory?.rules ?? []).map((rule) => ruleItem(rule, post)));
      const picks = [...(memory?.choices ?? [])].reverse();
      choicesHeading.hidden = picks.length === 0;
      replaceKeepingFocus(choices, picks.map((choice) => choiceItem(choice, post)));
    },
  };
}

function basisText(memory: MemoryView | undefined): string {
  if (!memory) return t('Nothing learned yet.');
  const off = memory.learning ? '' : ` ${t('Learning is off: nothing new is learned (ownvoice.learning.enabled).')}`;
  if (!memory.corrections && !memory.accepted && !memory.rules.length) return t('Nothing learned from your edits yet. A word you change the same way twice in suggestions you took becomes a rule here.') + off;
  const corrected = memory.corrections === 1 ? t('1 suggestion you corrected') : t('{0} suggestions you corrected', memory.corrections);
  const counts = t('{0}, {1} you kept as they were.', corrected, memory.accepted);
  const rules = memory.rules.length ? t('Ownvoice applies these rules to every suggestion and rewrite:') : t('A word you change the same way twice becomes a rule here.');
  return `${counts} ${rules}${off}`;
}

function ruleItem(rule: MemoryView['rules'][number], post: (message: FromSidebar) => void): HTMLElement {
  const text = rule.to ? t('“{0}” → “{1}”', rule.from, rule.to) : t('cut “{0}”', rule.from);
  const remove = iconButton('close', t('Remove the rule {0}', text), () => post({ type: 'removeRule', id: rule.id }), `remove-rule-${rule.id}`);
  return h('li', { class: 'learned-item', testid: 'learned-rule' }, h('span', { class: 'learned-text', text }), h('span', { class: 'habit-evidence', text: t('you did it {0} times', rule.times) }), remove);
}

function choiceItem(choice: MemoryView['choices'][number], post: (message: FromSidebar) => void): HTMLElement {
  const remove = iconButton('close', t('Forget this choice'), () => post({ type: 'removeChoice', at: choice.at }), 'remove-choice');
  const excerpt = choice.chosen.length > 120 ? `${choice.chosen.slice(0, 119)}…` : choice.chosen;
  return h('li', { class: 'learned-item' }, h('span', { class: 'learned-text', text: excerpt }), h('span', { class: 'habit-evidence', text: choice.presetName }), remove);
}
