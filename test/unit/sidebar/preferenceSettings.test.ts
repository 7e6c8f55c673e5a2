import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PREFERENCES, PREFERENCE_SETTINGS, readPreferences, settingTarget, withDocumentPreference } from '../../../src/editor/sidebar/preferenceSettings';
import type { Preferences } from '../../../src/shared/sidebarProtocol';

interface Declared {
  default?: unknown;
  scope?: string;
}

function declaredSettings(): Record<string, Declared> {
  // Compiled into out/test/unit/sidebar: the repository root is four levels up.
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
  return manifest.contributes.configuration.properties;
}

describe('sidebar preferences and settings', () => {
  it('declares every preference as a setting whose default is the sidebar default', () => {
    const declared = declaredSettings();
    for (const [key, setting] of Object.entries(PREFERENCE_SETTINGS)) {
      const entry = declared[`ownvoice.${setting}`];
      assert.ok(entry, `ownvoice.${setting} is missing from package.json`);
      assert.deepEqual(entry.default, DEFAULT_PREFERENCES[key as keyof Preferences], `default of ownvoice.${setting}`);
    }
  });

  it('keeps the model host an application setting that the sidebar never writes', () => {
    assert.equal(declaredSettings()['ownvoice.ollama.host'].scope, 'application');
    assert.ok(!Object.values(PREFERENCE_SETTINGS).includes('ollama.host'));
  });

  it('reads settings through their names', () => {
    const values: Record<string, unknown> = { 'suggestion.length': 'paragraph', 'exemplars.count': 3, notes: 'no em dashes', languages: ['markdown'], model: ' qwen2.5:3b ' };
    const prefs = readPreferences((setting) => values[setting]);
    assert.equal(prefs.length, 'paragraph');
    assert.equal(prefs.exemplarCount, 3);
    assert.equal(prefs.notes, 'no em dashes');
    assert.deepEqual(prefs.languages, ['markdown']);
    assert.equal(prefs.completionModel, 'qwen2.5:3b');
    assert.equal(prefs.register, DEFAULT_PREFERENCES.register);
  });

  it('falls back to defaults for hand-edited values of the wrong shape', () => {
    const values: Record<string, unknown> = {
      'suggestion.length': 'chapter',
      'suggestion.register': 42,
      'exemplars.count': 2.5,
      languages: 'markdown',
      notes: ['x'],
      'index.include': ['**/*.md', 7, ''],
    };
    const prefs = readPreferences((setting) => values[setting]);
    assert.equal(prefs.length, DEFAULT_PREFERENCES.length);
    assert.equal(prefs.register, DEFAULT_PREFERENCES.register);
    assert.equal(prefs.exemplarCount, DEFAULT_PREFERENCES.exemplarCount);
    assert.deepEqual(prefs.languages, DEFAULT_PREFERENCES.languages);
    assert.equal(prefs.notes, '');
    assert.deepEqual(prefs.include, ['**/*.md']);
  });

  it('caps an exemplar count above the maximum', () => {
    assert.equal(readPreferences((s) => (s === 'exemplars.count' ? 50 : undefined)).exemplarCount, 8);
  });

  it('writes where the value in force is defined', () => {
    assert.equal(settingTarget(undefined), 'global');
    assert.equal(settingTarget({}), 'global');
    assert.equal(settingTarget({ workspaceValue: 'word' }), 'workspace');
    assert.equal(settingTarget({ workspaceValue: 'word', workspaceFolderValue: 'paragraph' }), 'workspaceFolder');
  });

  it('keeps a document in at most one of never and prefer', () => {
    const lists = { never: ['/a.md'], prefer: ['/b.md'] };
    assert.deepEqual(withDocumentPreference(lists, '/b.md', 'never'), { never: ['/a.md', '/b.md'], prefer: [] });
    assert.deepEqual(withDocumentPreference(lists, '/a.md', 'prefer'), { never: [], prefer: ['/b.md', '/a.md'] });
    assert.deepEqual(withDocumentPreference(lists, '/a.md', 'default'), { never: [], prefer: ['/b.md'] });
    assert.deepEqual(withDocumentPreference(lists, '/a.md', 'never'), { never: ['/a.md'], prefer: ['/b.md'] });
  });
});
