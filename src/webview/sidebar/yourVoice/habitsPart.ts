import type { FromSidebar, VoiceHabitView, VoiceView } from '../../../shared/sidebarProtocol';
import { button, h, replaceKeepingFocus } from '../dom';
import type { Section } from '../modelSection';
import type { ViewState } from '../state';

/** The voice profile's habits, each with its evidence and a switch; open the file, measure again, describe in words. */
export function habitsPart(post: (message: FromSidebar) => void): Section {
  const intro = h('p', { class: 'note', testid: 'voice-basis' });
  const problem = h('p', { class: 'voice-problem', testid: 'voice-problem', attrs: { role: 'alert' } });
  const list = h('ul', { class: 'habits', testid: 'voice-habits', attrs: { 'aria-label': 'Habits of your writing' } });
  const ownWords = h('blockquote', { class: 'own-words', testid: 'voice-own-words' });
  const edit = button('Edit my voice', () => post({ type: 'editVoice' }), { icon: 'edit', testid: 'voice-edit' });
  const measure = button('Measure again', () => post({ type: 'measureVoice' }), { icon: 'sync', secondary: true, testid: 'voice-measure' });
  const describe = button('Describe in words', () => post({ type: 'describeVoice' }), { icon: 'sparkle', secondary: true, testid: 'voice-describe' });
  describe.title = 'Your model writes a short description of your voice from a sample of your passages. It goes only to your Ollama.';
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
      measure.title = voice?.learning ? '' : 'Learning is off (ownvoice.learning.enabled)';
      describe.disabled = !voice || !!voice.describing;
      const key = JSON.stringify(voice?.habits ?? []);
      if (key === shown) return;
      shown = key;
      replaceKeepingFocus(list, (voice?.habits ?? []).map((habit) => habitItem(habit, post)));
    },
  };
}

function basisText(voice: VoiceView | undefined): string {
  if (!voice) return 'Your voice profile is not ready yet.';
  const learning = voice.learning ? '' : ' Learning is off: Ownvoice does not measure again.';
  if (!voice.passages) return `Ownvoice has not measured your writing yet.${learning}`;
  return `Measured in ${voice.passages.toLocaleString()} passages (${voice.words.toLocaleString()} words) of your writing. Untick a habit to switch it off.${learning}`;
}

function habitItem(habit: VoiceHabitView, post: (message: FromSidebar) => void): HTMLElement {
  const id = `habit-${habit.key.replace(/[^\w-]/g, '_')}`;
  const box = h('input', { testid: `habit-${habit.key}`, attrs: { type: 'checkbox', id } });
  box.checked = habit.on;
  box.addEventListener('change', () => post({ type: 'setHabit', key: habit.key, on: box.checked }));
  const label = h('label', { attrs: { for: id } }, h('span', { class: 'habit-label', text: `${habit.label}: ` }), h('span', { class: 'habit-value', text: habit.value }));
  const evidence = habit.evidence ? [h('div', { class: 'habit-evidence', text: habit.evidence })] : [];
  return h('li', { class: habit.on ? 'habit' : 'habit off' }, box, h('div', {}, label, ...evidence));
}
