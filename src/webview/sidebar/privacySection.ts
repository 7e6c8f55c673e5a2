import { formatBytes, type FromSidebar } from '../../shared/sidebarProtocol';
import { button, h } from './dom';
import type { Section } from './modelSection';
import { t } from './l10n';

/** Where the index lives and how big it is, what leaves the machine, and "clear everything". */
export function privacySection(post: (message: FromSidebar) => void): Section {
  const host = h('p', { class: 'note', testid: 'privacy-host' });
  const location = h('dd', { class: 'path', testid: 'storage-location' });
  const size = h('dd', { testid: 'storage-size' });
  const clear = button(t('Clear everything'), () => post({ type: 'clearEverything' }), { icon: 'trash', secondary: true, testid: 'clear-everything' });
  return {
    body: [host, h('dl', { class: 'stats' }, h('dt', { text: t('Index') }), location, h('dt', { text: t('Size') }), size), h('div', { class: 'actions' }, clear)],
    update({ hostStatus, storage, capabilities }) {
      host.textContent = hostStatus
        ? t('Your documents never leave this machine, except as examples in requests to your Ollama at {0}.', hostStatus.host)
        : t('Your documents never leave this machine, except as examples in requests to your Ollama.');
      location.textContent = storage?.location ?? t('not created yet');
      location.title = storage?.location ?? '';
      size.textContent = storage ? formatBytes(storage.bytes) : '—';
      clear.disabled = !capabilities?.clear;
    },
  };
}
