import { formatBytes, type FromSidebar, type IndexSummary } from '../../shared/sidebarProtocol';
import { ago, baseName, button, h, iconButton, lines, replaceKeepingFocus, setValue } from './dom';
import type { Section } from './modelSection';
import { visibleName } from './names';
import type { ViewState } from './state';
import { t } from './l10n';

/** The index's phases as a writer reads them. */
const PHASES: Readonly<Record<string, string>> = { restoring: t('Restoring the saved index'), listing: t('Looking for your documents'), reading: t('Reading'), saving: t('Saving') };

/** Indexed folders, include/exclude patterns, index statistics and progress, skipped files, rebuild and calibrate. */
export function writingSection(post: (message: FromSidebar) => void): Section {
  const folderList = h('ul', { class: 'list', testid: 'folders', attrs: { 'aria-label': t('Indexed folders') } });
  const folders = h('div', { class: 'field' }, h('h3', { text: t('Folders') }), folderList, button(t('Add folder…'), () => post({ type: 'addFolder' }), { icon: 'new-folder', secondary: true, testid: 'add-folder' }));

  const include = patterns('include', t('Include (one pattern a line)'), (value) => post({ type: 'setPreference', change: { key: 'include', value } }));
  const exclude = patterns('exclude', t('Exclude (one pattern a line)'), (value) => post({ type: 'setPreference', change: { key: 'exclude', value } }));

  const stats = h('dl', { class: 'stats', testid: 'index-stats' });
  const progress = h('progress', { attrs: { max: '1', 'aria-label': t('Indexing progress') } });
  const progressText = h('p', { class: 'note', attrs: { role: 'status' } });
  const skipped = h('details', { class: 'skipped', testid: 'skipped' });

  const rebuild = button(t('Rebuild'), () => post({ type: 'rebuildIndex' }), { icon: 'sync', secondary: true, testid: 'rebuild' });
  const calibrate = button(t('Calibrate to my writing'), () => post({ type: 'calibrate' }), { icon: 'settings', testid: 'calibrate' });
  const empty = h(
    'div',
    { class: 'welcome', testid: 'welcome-no-writing' },
    h('p', { text: t('No writing of yours is indexed yet. Add the folders where you keep essays, letters, posts or notes: Ownvoice learns your voice from them.') }),
    button(t('Add folder…'), () => post({ type: 'addFolder' }), { icon: 'new-folder', testid: 'add-folder-welcome' }),
  );
  const actions = h('div', { class: 'actions' }, rebuild, calibrate);
  let shownFolders = '';
  let shownSkipped = '';

  return {
    body: [empty, folders, include.row, exclude.row, h('h3', { text: t('Index') }), stats, progress, progressText, skipped, actions],
    update(state: ViewState) {
      const prefs = state.preferences;
      if (prefs && JSON.stringify(prefs.folders) !== shownFolders) {
        shownFolders = JSON.stringify(prefs.folders);
        replaceKeepingFocus(folderList, folderItems(prefs.folders, post));
      }
      if (prefs) {
        setValue(include.area, prefs.include.join('\n'));
        setValue(exclude.area, prefs.exclude.join('\n'));
      }
      showStats(state.index, stats);
      const running = state.index?.progress;
      const nothing = !!state.index && state.index.documents === 0 && !running;
      empty.hidden = !nothing;
      actions.hidden = nothing;
      progress.hidden = progressText.hidden = !running;
      if (running) {
        progress.value = running.total ? running.done / running.total : 0;
        progressText.textContent = t('{0}: {1} of {2}', PHASES[running.phase] ?? running.phase, running.done, running.total);
      }
      const skippedKey = JSON.stringify(state.index?.skipped ?? []);
      if (skippedKey !== shownSkipped) {
        shownSkipped = skippedKey;
        showSkipped(state.index?.skipped ?? [], skipped);
      }
      disable(rebuild, !state.capabilities?.rebuild);
      disable(calibrate, !state.capabilities?.calibrate);
    },
  };
}

function patterns(id: string, label: string, save: (value: string[]) => void): { row: HTMLElement; area: HTMLTextAreaElement } {
  const area = h('textarea', { testid: id, attrs: { id, rows: '3', spellcheck: 'false' } });
  area.addEventListener('change', () => save(lines(area.value)));
  return { row: h('div', { class: 'field' }, h('label', { text: label, attrs: { for: id } }), area), area };
}

function folderItems(folders: readonly string[], post: (message: FromSidebar) => void): HTMLElement[] {
  if (folders.length === 0) return [h('li', { class: 'note', text: t('The folders of the open workspace.') })];
  return folders.map((folder) =>
    h('li', {}, h('span', { class: 'path', text: baseName(folder), attrs: { title: visibleName(folder) } }), iconButton('close', t('Stop indexing {0}', visibleName(folder)), () => post({ type: 'removeFolder', folder }), `remove-${folder}`)),
  );
}

function showStats(index: IndexSummary | undefined, list: HTMLElement): void {
  const rows: [string, string][] = index
    ? [
        [t('Documents'), index.documents.toLocaleString()],
        [t('Passages'), index.passages.toLocaleString()],
        [t('Words'), index.words.toLocaleString()],
        [t('Size'), formatBytes(index.bytes)],
        [t('Updated'), index.lastUpdated ? ago(index.lastUpdated) : t('never')],
      ]
    : [[t('Index'), t('not built yet')]];
  list.replaceChildren(...rows.flatMap(([term, value]) => [h('dt', { text: term }), h('dd', { text: value })]));
}

function showSkipped(skipped: IndexSummary['skipped'], box: HTMLDetailsElement): void {
  box.hidden = skipped.length === 0;
  const items = skipped.map((s) => h('li', {}, h('span', { class: 'path', text: baseName(s.path), attrs: { title: visibleName(s.path) } }), h('span', { class: 'reason', text: s.reason })));
  box.replaceChildren(h('summary', { text: skipped.length === 1 ? t('1 skipped file') : t('{0} skipped files', skipped.length) }), h('ul', { class: 'list' }, ...items));
}

function disable(control: HTMLButtonElement, off: boolean): void {
  control.disabled = off;
  control.title = off ? t('Not available in this version yet') : '';
}
