// What the user does to one todo: complete it, edit its title in place (double-click; Enter or
// leaving the field saves, Escape cancels, an empty title deletes), open its details, delete it.
// A conflict with another tab's change shows the newer version and lets the user choose.
import {ApiError} from './api.js';
import {announce, guardedBy} from './dom.js';
import {t} from './i18n.js';
import {ConflictError} from './todo-store.js';
import {showConflict} from './conflict.js';
import {detailsForm, showDetailsErrors} from './todo-details.js';

export function itemActions(store, {list, app, renderCounts, refreshVisible, onError}) {
  /** Runs a write; on a conflict asks the user, then keeps theirs or forces mine. */
  async function write(li, attempt) {
    try {
      const todo = await attempt({});
      refreshVisible(todo);
      return todo;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const id = li.todo.id;
      const choice = await showConflict(app, error.newer);
      store.accept(error.newer, id);
      if (error.newer === null) {
        li.remove();
        await store.refreshCounts();
        renderCounts();
        return null;
      }
      refreshVisible(error.newer);
      if (choice === 'theirs') return error.newer;
      const todo = await attempt({force: true});
      refreshVisible(todo);
      return todo;
    }
  }

  const guarded = guardedBy(onError);

  return {
    toggle: (todo, completed) => guarded(async () => {
      const li = list.querySelector(`li[data-id="${todo.id}"]`);
      await write(li, options => store.update(li.todo, {completed}, options));
      renderCounts();
    }),

    startEdit(li) {
      li.classList.add('editing');
      const edit = li.querySelector('.edit');
      edit.value = li.todo.title;
      edit.focus();
      edit.setSelectionRange(edit.value.length, edit.value.length);
    },

    cancelEdit(li) {
      li.classList.remove('editing');
      li.querySelector('.edit').value = li.todo.title;
      li.querySelector('.toggle').focus();
    },

    commitEdit: li => guarded(async () => {
      if (!li.classList.contains('editing')) return; // blur after Enter or Escape
      li.classList.remove('editing');
      const title = li.querySelector('.edit').value.trim();
      if (title === li.todo.title) return;
      if (!title) {
        await remove(li);
        return;
      }
      li.querySelector('label').textContent = title;
      await write(li, options => store.update(li.todo, {title}, options));
    }),

    destroy: todo => guarded(() => remove(list.querySelector(`li[data-id="${todo.id}"]`))),

    details(li) {
      const button = li.querySelector('.details-button');
      const open = li.querySelector('form.details');
      const close = () => {
        li.querySelector('form.details')?.remove();
        button.setAttribute('aria-expanded', 'false');
        button.focus();
      };
      if (open) {
        close();
        return;
      }
      const form = detailsForm(li.todo, {
        onClose: close,
        onSave: (patch, formElement) => guarded(async () => {
          try {
            await write(li, options => store.update(li.todo, patch, options));
            if (li.isConnected) close();
          } catch (error) {
            if (!(error instanceof ApiError && error.status === 400)) throw error;
            showDetailsErrors(formElement, li.todo.id, error.problem);
          }
        }),
      });
      li.append(form);
      button.setAttribute('aria-expanded', 'true');
      form.querySelector('input').focus();
    },
  };

  async function remove(li) {
    const todo = li.todo;
    const next = li.nextElementSibling ?? li.previousElementSibling;
    try {
      await store.remove(todo);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Changed elsewhere since seen: ask before deleting someone's newer change.
      const choice = await showConflict(app, error.newer);
      store.accept(error.newer, todo.id);
      if (error.newer === null || choice === 'theirs') {
        if (error.newer === null) li.remove(); else refreshVisible(error.newer);
        renderCounts();
        return;
      }
      await store.remove(error.newer);
    }
    li.remove();
    renderCounts();
    (next?.isConnected ? next.querySelector('.toggle') : app.querySelector('.new-todo'))?.focus();
    announce(t('deleted', {title: todo.title}));
  }
}
