import { CONCISIONS, KNOWN_LANGUAGES, LENGTH_UNITS, MAX_EXEMPLARS, REGISTERS, type FromSidebar, type PreferenceChange } from '../../shared/sidebarProtocol';
import { languageName } from '../../core/completion/types';
import { debounce, h, select, setValue } from './dom';
import type { Section } from './modelSection';
import { t } from './l10n';

const LENGTH_LABELS = { word: t('Word'), sentence: t('Sentence'), paragraph: t('Paragraph') } as const;
const REGISTER_LABELS = { auto: t('Match my text'), formal: t('Formal'), neutral: t('Neutral'), casual: t('Casual') } as const;
const CONCISION_LABELS = { auto: t('Like my own writing'), concise: t('Concise'), expansive: t('Expansive') } as const;

/** Length, register, concision, exemplar count, languages and notes: each control writes one setting. */
export function voiceSection(post: (message: FromSidebar) => void): Section {
  const set = (change: PreferenceChange) => post({ type: 'setPreference', change });

  const lengthRadios = LENGTH_UNITS.map((unit) => {
    const radio = h('input', { testid: `length-${unit}`, attrs: { type: 'radio', name: 'length', id: `length-${unit}`, value: unit } });
    radio.addEventListener('change', () => radio.checked && set({ key: 'length', value: unit }));
    return { unit, radio, label: h('label', { class: 'segment', attrs: { for: `length-${unit}` } }, radio, LENGTH_LABELS[unit]) };
  });
  const length = h('fieldset', { class: 'field segments' }, h('legend', { text: t('Length of suggestions') }), ...lengthRadios.map((r) => r.label));

  const register = select('register', t('Register'), REGISTERS.map((r) => ({ value: r, label: REGISTER_LABELS[r] })), (value) =>
    set({ key: 'register', value: value as (typeof REGISTERS)[number] }),
  );
  const concision = select('concision', t('Concision'), CONCISIONS.map((c) => ({ value: c, label: CONCISION_LABELS[c] })), (value) =>
    set({ key: 'concision', value: value as (typeof CONCISIONS)[number] }),
  );
  const counts = [{ value: '0', label: t('Automatic') }, ...Array.from({ length: MAX_EXEMPLARS }, (_, i) => ({ value: String(i + 1), label: `${i + 1}` }))];
  const exemplars = select('exemplar-count', t('Examples of my writing per prompt'), counts, (value) => set({ key: 'exemplarCount', value: Number(value) }));

  const languageList = h('div', { class: 'checks' });
  const languages = h('fieldset', { class: 'field' }, h('legend', { text: t('Suggest in these languages') }), languageList);
  // Boxes are kept, not rebuilt, so the one just toggled keeps keyboard focus after the settings round trip.
  const boxes = new Map<string, HTMLInputElement>();
  let enabled: readonly string[] = [];
  const toggle = (language: string, on: boolean) =>
    set({ key: 'languages', value: on ? [...enabled.filter((l) => l !== language), language] : enabled.filter((l) => l !== language) });

  const notes = h('textarea', {
    testid: 'notes',
    attrs: { id: 'notes', rows: '3', maxlength: '4000', placeholder: t('British spelling; no em dashes'), spellcheck: 'true' },
  });
  const saveNotes = debounce(700, () => set({ key: 'notes', value: notes.value }));
  notes.addEventListener('input', saveNotes);
  const notesField = h('div', { class: 'field' }, h('label', { text: t('Notes for every prompt'), attrs: { for: 'notes' } }), notes);

  return {
    body: [length, register.row, concision.row, exemplars.row, languages, notesField],
    update({ preferences }) {
      if (!preferences) return;
      for (const r of lengthRadios) r.radio.checked = r.unit === preferences.length;
      setValue(register.control, preferences.register);
      setValue(concision.control, preferences.concision);
      setValue(exemplars.control, String(preferences.exemplarCount));
      setValue(notes, preferences.notes);
      enabled = preferences.languages;
      for (const language of new Set([...KNOWN_LANGUAGES, ...enabled])) {
        if (!boxes.has(language)) languageList.append(languageCheck(language, boxes, toggle));
        boxes.get(language)!.checked = enabled.includes(language);
      }
    },
  };
}

function languageCheck(language: string, boxes: Map<string, HTMLInputElement>, toggle: (language: string, on: boolean) => void): HTMLElement {
  const id = `language-${boxes.size}`;
  const box = h('input', { testid: `language-${language}`, attrs: { type: 'checkbox', id } });
  box.addEventListener('change', () => toggle(language, box.checked));
  boxes.set(language, box);
  const name = languageName(language);
  // As a writer knows it ("Markdown", "Plain text"), with the id VS Code uses as a tooltip.
  return h('label', { class: 'check', attrs: { for: id, title: language } }, box, name === name.toLowerCase() ? name.charAt(0).toUpperCase() + name.slice(1) : name);
}
