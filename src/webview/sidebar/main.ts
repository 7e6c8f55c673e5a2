import { isToSidebar, type FromSidebar } from '../../shared/sidebarProtocol';
import { section } from './dom';
import { modelSection, type Section } from './modelSection';
import { privacySection } from './privacySection';
import { applyMessage, restoreState, type SavedState, type SectionId } from './state';
import { voiceSection } from './voiceSection';
import { whySection } from './whySection';
import { yourVoiceSection } from './yourVoice/yourVoiceSection';
import { writingSection } from './writingSection';
import { t } from './l10n';

interface VsCodeApi {
  postMessage(message: FromSidebar): void;
  getState(): unknown;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromSidebar) => vscode.postMessage(message);
let saved = restoreState(vscode.getState());

const SECTIONS: readonly { id: SectionId; title: string; icon: string; build: (post: (m: FromSidebar) => void) => Section }[] = [
  { id: 'model', title: t('Model'), icon: 'server-process', build: modelSection },
  { id: 'yourVoice', title: t('Your voice'), icon: 'person', build: yourVoiceSection },
  { id: 'voice', title: t('Voice and preferences'), icon: 'quote', build: voiceSection },
  { id: 'writing', title: t('My writing'), icon: 'library', build: writingSection },
  { id: 'why', title: t('Why this suggestion'), icon: 'lightbulb', build: whySection },
  { id: 'privacy', title: t('Privacy'), icon: 'shield', build: privacySection },
];

const built = SECTIONS.map((s) => ({ ...s, section: s.build(post) }));
const root = document.getElementById('root')!;
root.append(
  ...built.map((s) =>
    section(s.id, s.title, s.icon, saved.open[s.id], (open) => save({ ...saved, open: { ...saved.open, [s.id]: open } }), ...s.section.body),
  ),
);

function save(next: SavedState): void {
  saved = next;
  vscode.setState(saved);
}

function render(): void {
  for (const s of built) s.section.update(saved.view);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToSidebar(event.data)) return;
  save({ ...saved, view: applyMessage(saved.view, event.data) });
  render();
});

// Show what was known when the view was hidden, then ask the host for the current state.
render();
post({ type: 'ready' });
