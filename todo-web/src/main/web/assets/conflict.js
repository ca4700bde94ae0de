// The message shown when a todo was changed (or deleted) in another tab or device: the newer
// version, and the choice between it and the user's own change. Never a silent overwrite.
import {h} from './dom.js';
import {formatDate, t} from './i18n.js';

/** Resolves to 'theirs' or 'mine' (never 'mine' when the todo is gone). */
export function showConflict(container, newer) {
  return new Promise(resolve => {
    const close = choice => {
      panel.remove();
      resolve(choice);
    };
    const theirs = h('button', {type: 'button', class: 'primary', onclick: () => close('theirs')}, t('conflictKeepTheirs'));
    const panel = h('div', {class: 'conflict', role: 'alertdialog', 'aria-labelledby': 'conflict-title',
      'aria-describedby': 'conflict-text'},
      h('h2', {id: 'conflict-title'}, t('conflictTitle')),
      newer === null
        ? h('p', {id: 'conflict-text'}, t('conflictGone'))
        : [h('p', {id: 'conflict-text'}, t('conflictText')), summary(newer)],
      h('div', {class: 'actions'}, theirs,
        newer === null ? null : h('button', {type: 'button', onclick: () => close('mine')}, t('conflictKeepMine'))));
    container.querySelector('.conflict')?.remove();
    container.prepend(panel);
    theirs.focus();
  });
}

function summary(todo) {
  return h('dl', {class: 'conflict-version'},
    h('dt', {}, t('title')), h('dd', {class: 'conflict-title'}, todo.title),
    h('dt', {}, t('completed')), h('dd', {}, todo.completed ? '✓' : '—'),
    todo.dueDate ? [h('dt', {}, t('dueDate')), h('dd', {}, formatDate(todo.dueDate))] : null,
    h('dt', {}, t('priority')), h('dd', {}, t(todo.priority)),
    todo.tags?.length ? [h('dt', {}, t('tags')), h('dd', {}, todo.tags.join(', '))] : null);
}
