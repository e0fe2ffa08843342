import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { actionLabel, actionsFor, activityActions, authActions, documentActions } from './activity-actions';

describe('actionLabel', () => {
  it('labels the writes and the sign-ins in French', () => {
    const labels = fr.activity.actions;
    expect(actionLabel('create', labels)).toBe('Création');
    expect(actionLabel('update', labels)).toBe('Modification');
    expect(actionLabel('delete', labels)).toBe('Suppression');
    expect(actionLabel('login_failed', labels)).toBe('Échec de connexion');
    expect(actionLabel('login_legacy_windows', labels)).toBe('Connexion Windows (ancien client)');
  });

  it('labels every known action in both languages, each with its own label', () => {
    for (const labels of [fr.activity.actions, en.activity.actions]) {
      const shown = activityActions.map((action) => actionLabel(action, labels));
      expect(shown.every((label, index) => label !== activityActions[index])).toBe(true);
      expect(new Set(shown).size).toBe(activityActions.length);
    }
  });

  it('shows an action unknown to this version as the server wrote it', () => {
    expect(actionLabel('export_sages', fr.activity.actions)).toBe('export_sages');
    expect(actionLabel('toString', fr.activity.actions)).toBe('toString');
  });
});

describe('actionsFor', () => {
  it('offers the actions that can occur in the chosen collection', () => {
    expect(actionsFor('missions')).toEqual(documentActions);
    expect(actionsFor('auth')).toEqual(authActions);
    expect(actionsFor('')).toEqual(activityActions);
  });
});
