import { describe, expect, it } from 'vitest';
import { FINAL_LABELS, SETUP_ARCHETYPES } from '../../../shared/domain/journal.ts';
import { reviewCommand } from './keymap.ts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('review keymap', () => {
  it('j/k and the arrows move; Enter and c confirm; n is the note; Ctrl/Cmd+Enter commits', () => {
    expect(reviewCommand(null, press('j'))).toEqual({ type: 'move', delta: 1 });
    expect(reviewCommand(null, press('ArrowUp'))).toEqual({ type: 'move', delta: -1 });
    expect(reviewCommand(null, press('Enter'))).toEqual({ type: 'confirm' });
    expect(reviewCommand(null, press('c'))).toEqual({ type: 'confirm' });
    expect(reviewCommand(null, press('r'))).toEqual({ type: 'restore' });
    expect(reviewCommand(null, press('n'))).toEqual({ type: 'note' });
    expect(reviewCommand(null, press('Enter', { ctrlKey: true }))).toEqual({ type: 'commit' });
    expect(reviewCommand(null, press('Enter', { metaKey: true }))).toEqual({ type: 'commit' });
    expect(reviewCommand(null, press('j', { ctrlKey: true }))).toBeNull();
    expect(reviewCommand(null, press('x'))).toBeNull();
  });

  it('a then 1–6 sets each archetype, l then 1–6 each label; any other key cancels the prefix', () => {
    expect(reviewCommand(null, press('a'))).toEqual({ type: 'prefix', prefix: 'a' });
    SETUP_ARCHETYPES.forEach((value, index) => expect(reviewCommand('a', press(String(index + 1)))).toEqual({ type: 'archetype', value }));
    FINAL_LABELS.forEach((value, index) => expect(reviewCommand('l', press(String(index + 1)))).toEqual({ type: 'label', value }));
    expect(reviewCommand('a', press('7'))).toEqual({ type: 'cancel' });
    expect(reviewCommand('l', press('Escape'))).toEqual({ type: 'cancel' });
  });
});
