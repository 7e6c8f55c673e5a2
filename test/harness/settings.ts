// The user settings.json of a test run: Ownvoice pointed at the stand-in, and the workbench's noise turned off.

/** The stand-in's base model whose greedy continuations the tests know. */
export const TEST_MODEL = 'stories:260k';

export function testSettings(standinUrl: string): Record<string, unknown> {
  return {
    'ownvoice.ollama.host': standinUrl,
    'ownvoice.model': TEST_MODEL,
    // The first-steps walkthrough would take the editor's place in every test; its own test opens it.
    'ownvoice.walkthrough.openAtFirstStart': false,
    // Greedy decoding: the model's continuations are then known sentences a test can assert on.
    'ownvoice.suggestion.temperature': 0,
    'editor.inlineSuggest.enabled': true,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.colorTheme': 'Default Light Modern',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
}
