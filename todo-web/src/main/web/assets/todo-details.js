// The details of a todo, edited in a form under it: title, due date, priority, tags and notes.
// The API's validation problems are shown next to the field they name.
import {field, h, showFieldErrors} from './dom.js';
import {t} from './i18n.js';

const FIELDS = ['title', 'dueDate', 'priority', 'tags', 'notes'];

/** A form for li.todo; onSave(patch, form) returns a promise, onClose() removes the form. */
export function detailsForm(todo, {onSave, onClose}) {
  const id = name => `details-${todo.id}-${name}`;
  const title = h('input', {type: 'text', value: todo.title, maxlength: 500, required: true});
  const dueDate = h('input', {type: 'date', value: todo.dueDate ?? ''});
  const priority = h('select', {},
    ['low', 'normal', 'high'].map(value => h('option', {value, selected: todo.priority === value}, t(value))));
  const tags = h('input', {type: 'text', value: (todo.tags ?? []).join(', ')});
  const notes = h('textarea', {rows: 3, maxlength: 10000}, todo.notes ?? '');
  const form = h('form', {class: 'details', novalidate: true},
    field(id('title'), t('title'), title),
    h('div', {class: 'field-row'},
      field(id('dueDate'), t('dueDate'), dueDate),
      field(id('priority'), t('priority'), priority)),
    field(id('tags'), t('tags'), tags, t('tagsHint')),
    field(id('notes'), t('notes'), notes),
    h('p', {class: 'form-error', role: 'alert', hidden: true}),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, t('save')),
      h('button', {type: 'button', onclick: onClose}, t('cancel'))));
  form.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const patch = {
      title: title.value.trim(),
      dueDate: dueDate.value || null,
      priority: priority.value,
      tags: tags.value.split(',').map(tag => tag.trim()).filter(Boolean),
      notes: notes.value.trim() || null,
    };
    await onSave(patch, form);
  });
  return form;
}

/** Shows an ApiError's field errors in the details form. */
export function showDetailsErrors(form, todoId, problem) {
  showFieldErrors(form, problem, Object.fromEntries(FIELDS.map(name => [name, `details-${todoId}-${name}`])));
}
