import type { FromSidebar, VoiceHabitView, VoiceView } from '../../../shared/sidebarProtocol';
import { button, h, iconButton, replaceKeepingFocus } from '../dom';
import type { Section } from '../modelSection';
import type { ViewState } from '../state';
import { t } from '../l10n';

/** The voice profile's habits, each with its evidence and a switch; open the file, measure again, describe in words. */
export function habitsPart(post: (message: FromSidebar) => void): Section {
  const intro = h('p', { class: 'note', testid: 'voice-basis' });
  const problem = h('p', { class: 'voice-problem', testid: 'voice-problem', attrs: { role: 'alert' } });
  const list = h('ul', { class: 'habits', testid: 'voice-habits', attrs: { 'aria-label': t('Habits of your writing') } });
  const ownWords = h('blockquote', { class: 'own-words', testid: 'voice-own-words' });
  const edit = button(t('Edit my voice'), () => post({ type: 'editVoice' }), { icon: 'edit', testid: 'voice-edit' });
  const measure = button(t('Measure again'), () => post({ type: 'measureVoice' }), { icon: 'sync', secondary: true, testid: 'voice-measure' });
  const describe = button(t('Describe in words'), () => post({ type: 'describeVoice' }), { icon: 'sparkle', secondary: true, testid: 'voice-describe' });
  describe.title = t('Your model writes a short description of your voice from a sample of your passages. It goes only to your Ollama.');
  let shown = '';

  return {
    body: [intro, problem, list, ownWords, h('div', { class: 'actions' }, edit, measure, describe)],
    update({ voice }: ViewState) {
      intro.textContent = basisText(voice);
      problem.textContent = voice?.problem ?? '';
      problem.hidden = !voice?.problem;
      ownWords.textContent = voice?.ownWords ?? '';
      ownWords.hidden = !voice?.ownWords;
      measure.disabled = !voice?.learning;
      measure.title = voice?.learning ? '' : t('Learning is off (ownvoice.learning.enabled)');
      describe.disabled = !voice || !!voice.describing;
      const key = JSON.stringify(voice?.habits ?? []);
      if (key === shown) return;
      shown = key;
      replaceKeepingFocus(list, (voice?.habits ?? []).map((habit) => habitItem(habit, post)));
    },
  };
}

function basisText(voice: VoiceView | undefined): string {
  if (!voice) return t('Your voice profile is not ready yet.');
  const learning = voice.learning ? '' : ` ${t('Learning is off: Ownvoice does not measure again.')}`;
  if (!voice.passages) return t('Ownvoice has not measured your writing yet.') + learning;
  const measured = voice.passages === 1
    ? t('Measured in 1 passage ({0} words) of your writing.', voice.words.toLocaleString())
    : t('Measured in {0} passages ({1} words) of your writing.', voice.passages.toLocaleString(), voice.words.toLocaleString());
  const habits = voice.habits.length ? ` ${t('Untick a habit to switch it off, or remove it.')}` : ` ${t('Not enough of it yet to tell your habits.')}`;
  return measured + habits + learning;
}

function habitItem(habit: VoiceHabitView, post: (message: FromSidebar) => void): HTMLElement {
  const id = `habit-${habit.key.replace(/[^\w-]/g, '_')}`;
  const box = h('input', { testid: `habit-${habit.key}`, attrs: { type: 'checkbox', id } });
  box.checked = habit.on;
  box.addEventListener('change', () => post({ type: 'setHabit', key: habit.key, on: box.checked }));
  const label = h('label', { attrs: { for: id } }, h('span', { class: 'habit-label', text: `${habit.label}: ` }), h('span', { class: 'habit-value', text: habit.value }));
  const evidence = habit.evidence ? [h('div', { class: 'habit-evidence', text: habit.evidence })] : [];
  const remove = iconButton('close', t('Remove "{0}" from your voice', habit.label), () => post({ type: 'removeHabit', key: habit.key }), `remove-habit-${habit.key}`);
  return h('li', { class: habit.on ? 'habit' : 'habit off' }, box, h('div', { class: 'habit-text' }, label, ...evidence), remove);
}
