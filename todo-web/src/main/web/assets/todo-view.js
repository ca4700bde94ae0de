// The list screen: TodoMVC's app (header with .new-todo, .main with .toggle-all and .todo-list,
// .footer with .todo-count, .filters and .clear-completed) plus search, sort, paging and reorder.
import {announce, guardedBy, h, replaceChildren} from './dom.js';
import {t} from './i18n.js';
import {createStore} from './todo-store.js';
import {renderItem, refreshItem} from './todo-item.js';
import {itemActions} from './todo-actions.js';
import {reorderHandlers} from './reorder.js';

const FILTERS = [['all', '#/'], ['active', '#/active'], ['completed', '#/completed']];
const SEARCH_DELAY_MS = 250;

export function createTodoView(main, {onError}) {
  const store = createStore();
  const {state} = store;
  const guarded = guardedBy(onError);

  const newTodo = h('input', {class: 'new-todo', id: 'new-todo', autocomplete: 'off', maxlength: 500,
    onkeydown: event => { if (event.key === 'Enter' && !event.isComposing) add(); }});
  const search = h('input', {type: 'search', id: 'search', class: 'search', autocomplete: 'off', maxlength: 200,
    oninput: debounce(() => { state.q = search.value.trim(); reload(); }, SEARCH_DELAY_MS)});
  const sort = h('select', {id: 'sort', class: 'sort', onchange: () => { state.sort = sort.value; reload(); }});
  const toggleAll = h('input', {id: 'toggle-all', class: 'toggle-all', type: 'checkbox',
    onchange: () => guarded(() => store.completeAll(toggleAll.checked).then(render))});
  const list = h('ul', {class: 'todo-list', 'aria-labelledby': 'list-heading'});
  const loadMore = h('button', {type: 'button', class: 'load-more', hidden: true, onclick: () => more()});
  const count = h('span', {class: 'todo-count', role: 'status'});
  const filters = h('ul', {class: 'filters'});
  const clearCompleted = h('button', {type: 'button', class: 'clear-completed',
    onclick: () => guarded(() => store.clearCompleted().then(render))});
  const emptyNote = h('p', {class: 'empty-note', hidden: true});
  const mainSection = h('section', {class: 'main'}, toggleAll, h('label', {for: 'toggle-all'}), list, emptyNote, loadMore);
  const footer = h('footer', {class: 'footer'}, count, h('nav', {class: 'filters-nav'}, filters), clearCompleted);
  const app = h('section', {class: 'todoapp'},
    h('header', {class: 'header'},
      h('h1', {id: 'list-heading'}),
      h('label', {for: 'new-todo', class: 'visually-hidden'}), newTodo),
    h('div', {class: 'toolbar'},
      h('label', {for: 'search', class: 'visually-hidden'}), search,
      h('label', {for: 'sort'}), sort),
    mainSection, footer);

  const reorder = reorderHandlers(list, {
    canReorder: () => state.sort === 'order',
    move: (from, to, li) => guarded(async () => {
      const target = list.children[to];
      if (to > from) target.after(li); else target.before(li);
      li.querySelector('.handle').focus();
      announce(t('moved', {title: li.todo.title, position: to + 1}));
      try {
        for (const todo of await store.move(from, to)) refreshVisible(todo);
      } catch (error) {
        await reload();
        throw error;
      }
    }),
  });
  const actions = {...itemActions(store, {list, app, renderCounts, refreshVisible, onError}), ...reorder};

  async function add() {
    const title = newTodo.value.trim();
    if (!title) return;
    newTodo.value = '';
    await guarded(async () => {
      const todo = await store.add({title});
      if (store.matches(todo)) list.append(renderItem(todo, actions));
      renderCounts();
      announce(t('added', {title}));
    });
  }

  async function reload() {
    await guarded(async () => {
      if (await store.reload()) render();
    });
  }

  async function more() {
    await guarded(async () => {
      const fresh = await store.loadMore();
      list.append(...fresh.map(todo => renderItem(todo, actions)));
      renderCounts();
    });
  }

  function refreshVisible(todo) {
    const li = list.querySelector(`li[data-id="${todo.id}"]`);
    if (!li) return;
    if (store.matches(todo)) refreshItem(li, todo); else li.remove();
  }

  function render() {
    replaceChildren(list, state.items.map(todo => renderItem(todo, actions)));
    renderCounts();
  }

  function renderCounts() {
    const any = state.active + state.completed > 0;
    mainSection.hidden = !any;
    footer.hidden = !any;
    toggleAll.checked = any && state.active === 0;
    // "<strong>2</strong> items left", as TodoMVC marks it up, in the language's word order.
    const text = t('itemsLeft', {count: state.active});
    const number = String(state.active);
    const at = text.indexOf(number);
    replaceChildren(count, text.slice(0, at), h('strong', {}, number), text.slice(at + number.length));
    clearCompleted.hidden = state.completed === 0;
    loadMore.hidden = !store.hasMore();
    loadMore.textContent = `${t('loadMore')} (${t('showing', {shown: state.items.length, total: state.total})})`;
    emptyNote.hidden = state.items.length > 0 || !any;
    emptyNote.textContent = t('emptyFilter');
    list.classList.toggle('reorderable', state.sort === 'order');
  }

  function renderTexts() {
    app.querySelector('h1').textContent = t('appName');
    newTodo.placeholder = t('newTodo');
    app.querySelector('label[for="new-todo"]').textContent = t('newTodoLabel');
    app.querySelector('label[for="toggle-all"]').textContent = t('toggleAll');
    app.querySelector('label[for="search"]').textContent = t('search');
    app.querySelector('label[for="sort"]').textContent = t('sort');
    search.placeholder = t('searchPlaceholder');
    replaceChildren(sort, [['order', 'sortOrder'], ['created', 'sortCreated'], ['due', 'sortDue'], ['priority', 'sortPriority']]
      .map(([value, key]) => h('option', {value, selected: state.sort === value}, t(key))));
    replaceChildren(filters, FILTERS.map(([name, href]) => h('li', {},
      h('a', {href, class: state.filter === name ? 'selected' : null,
        'aria-current': state.filter === name ? 'page' : null}, t(name)))));
    clearCompleted.textContent = t('clearCompleted');
    app.querySelector('.filters-nav').setAttribute('aria-label', t('filters'));
    for (const li of list.children) refreshItem(li, li.todo);
    renderCounts();
  }

  return {
    element: app,
    /** Shows the list for a route's filter ('all', 'active' or 'completed'), loading it first. */
    async show(filter) {
      state.filter = filter;
      renderTexts();
      if (!main.contains(app)) replaceChildren(main, app);
      await reload();
      if (!app.contains(document.activeElement)) newTodo.focus();
      main.dataset.ready = 'true';
      performance.mark('todolist:list-usable');
    },
    renderTexts,
    focus: () => newTodo.focus(),
  };
}

function debounce(work, delayMs) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(work, delayMs);
  };
}
