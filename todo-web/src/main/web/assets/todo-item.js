// One todo of the list, in TodoMVC's markup (li > .view > .toggle, label, .destroy; input.edit),
// plus a drag handle, the extra fields and a details button. Updated in place, so focus stays.
import {h, replaceChildren} from './dom.js';
import {formatDate, t} from './i18n.js';

/**
 * actions: {toggle(todo, checked), startEdit(li), commitEdit(li), cancelEdit(li),
 *           destroy(todo), details(li), handleKey(event, li), handlePointer(event, li)}
 */
export function renderItem(todo, actions) {
  const li = h('li', {dataset: {id: todo.id}});
  const toggle = h('input', {class: 'toggle', type: 'checkbox', onchange: () => actions.toggle(li.todo, toggle.checked)});
  const label = h('label', {ondblclick: () => actions.startEdit(li)});
  const edit = h('input', {class: 'edit', maxlength: 500,
    onkeydown: event => {
      if (event.key === 'Enter') actions.commitEdit(li);
      else if (event.key === 'Escape') actions.cancelEdit(li);
    },
    onblur: () => actions.commitEdit(li)});
  const handle = h('button', {class: 'handle', type: 'button',
    onkeydown: event => actions.handleKey(event, li), onpointerdown: event => actions.handlePointer(event, li)});
  const detailsButton = h('button', {class: 'details-button', type: 'button', 'aria-expanded': 'false',
    onclick: () => actions.details(li)});
  const destroy = h('button', {class: 'destroy', type: 'button', onclick: () => actions.destroy(li.todo)});
  li.append(h('div', {class: 'view'}, handle, toggle, label, h('span', {class: 'meta'}), detailsButton, destroy), edit);
  refreshItem(li, todo);
  return li;
}

/** Shows todo's current state in li (classes, texts, accessible names) without rebuilding it. */
export function refreshItem(li, todo) {
  li.todo = todo;
  li.classList.toggle('completed', todo.completed);
  li.querySelector('.toggle').checked = todo.completed;
  li.querySelector('label').textContent = todo.title;
  const title = todo.title;
  li.querySelector('.toggle').setAttribute('aria-label', t('toggle', {title}));
  li.querySelector('.edit').setAttribute('aria-label', t('edit', {title}));
  li.querySelector('.handle').setAttribute('aria-label', t('move', {title}));
  li.querySelector('.details-button').setAttribute('aria-label', t('details', {title}));
  li.querySelector('.destroy').setAttribute('aria-label', t('destroy', {title}));
  replaceChildren(li.querySelector('.meta'), meta(todo));
}

function meta(todo) {
  const parts = [];
  if (todo.priority && todo.priority !== 'normal') {
    parts.push(h('span', {class: `chip priority-${todo.priority}`}, t(todo.priority)));
  }
  if (todo.dueDate) {
    const overdue = !todo.completed && todo.dueDate < today();
    parts.push(h('span', {class: overdue ? 'chip due overdue' : 'chip due'},
      t(overdue ? 'overdue' : 'due', {date: formatDate(todo.dueDate)})));
  }
  for (const tag of todo.tags ?? []) parts.push(h('span', {class: 'chip tag'}, `#${tag}`));
  if (todo.notes) parts.push(h('span', {class: 'chip notes', title: todo.notes}, t('notes')));
  return parts;
}

function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
