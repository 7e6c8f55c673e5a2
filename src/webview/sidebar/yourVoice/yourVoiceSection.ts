import type { FromSidebar } from '../../../shared/sidebarProtocol';
import { h } from '../dom';
import type { Section } from '../modelSection';
import type { ViewState } from '../state';
import { habitsPart } from './habitsPart';
import { learnedPart } from './learnedPart';

/**
 * "Your voice": what Ownvoice learned about the writer, each piece removable. Each part is a module of its own (the
 * profile's habits here; learned rules and choices join as further parts), built and updated in this order.
 */
export const YOUR_VOICE_PARTS: readonly ((post: (message: FromSidebar) => void) => Section)[] = [habitsPart, learnedPart];

export function yourVoiceSection(post: (message: FromSidebar) => void): Section {
  const parts = YOUR_VOICE_PARTS.map((build) => build(post));
  return {
    body: parts.map((part) => h('div', { class: 'voice-part' }, ...part.body)),
    update(state: ViewState) {
      for (const part of parts) part.update(state);
    },
  };
}
