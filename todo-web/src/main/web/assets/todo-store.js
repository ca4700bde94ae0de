// The todos the list shows: pages from the API (never the whole list at once), the counts the
// footer needs (X-Total-Count), and every write. A write sends If-Match with the version the user
// saw, so a change made in another tab is reported as a conflict instead of being overwritten.
import {ApiError, countTodos, request} from './api.js';

const TODOS = '/api/v1/todos';
export const PAGE_SIZE = 50;
const BULK_PAGE_SIZE = 500;
const BULK_PARALLEL = 6;
export const SORTS = {order: 'order', created: '-createdAt', due: 'dueDate', priority: '-priority'};

/** The todo changed (newer holds it) or was deleted (newer is null) since the user saw it. */
export class ConflictError extends Error {
  constructor(newer) {
    super('conflict');
    this.newer = newer;
  }
}

export function createStore() {
  const versions = new Map(); // id -> ETag of the version the user last saw, once known
  const state = {filter: 'all', q: '', sort: 'order', items: [], total: 0, page: 0, active: 0, completed: 0};
  let generation = 0; // a reload makes the answers of older, slower loads irrelevant
  // Writes go one after the other, so each sends the ETag its predecessor returned: two quick
  // moves of the same todo must not race each other into a 412.
  let writes = Promise.resolve();
  function serial(work) {
    const run = writes.then(work, work);
    writes = run.catch(() => undefined);
    return run;
  }

  function query() {
    const parameters = {sort: SORTS[state.sort]};
    if (state.filter !== 'all') parameters.completed = String(state.filter === 'completed');
    if (state.q) parameters.q = state.q;
    return parameters;
  }

  function matches(todo) {
    if (state.filter === 'active' && todo.completed) return false;
    if (state.filter === 'completed' && !todo.completed) return false;
    return !state.q || todo.title.toLowerCase().includes(state.q.toLowerCase());
  }

  async function fetchPage(page) {
    const parameters = new URLSearchParams({...query(), page, size: PAGE_SIZE});
    const {body, headers} = await request('GET', `${TODOS}?${parameters}`);
    return {items: body, total: Number(headers.get('X-Total-Count'))};
  }

  async function reload() {
    const mine = ++generation;
    const [first] = await Promise.all([fetchPage(1), refreshCounts()]);
    if (mine !== generation) return false;
    versions.clear();
    Object.assign(state, {items: first.items, total: first.total, page: 1});
    return true;
  }

  async function loadMore() {
    const mine = generation;
    const next = await fetchPage(state.page + 1);
    if (mine !== generation) return [];
    const known = new Set(state.items.map(todo => todo.id));
    const fresh = next.items.filter(todo => !known.has(todo.id));
    state.items.push(...fresh);
    state.total = next.total;
    state.page += 1;
    return fresh;
  }

  async function refreshCounts() {
    const [active, completed] = await Promise.all([countTodos({completed: 'false'}), countTodos({completed: 'true'})]);
    Object.assign(state, {active, completed});
  }

  /** The ETag of the version the user sees; a conflict if the server's copy is newer already. */
  async function versionOf(todo) {
    if (versions.has(todo.id)) return versions.get(todo.id);
    const current = await read(todo.id);
    if (current.todo === null || current.todo.updatedAt !== todo.updatedAt) throw new ConflictError(current.todo);
    return current.etag;
  }

  async function read(id) {
    try {
      const {body, headers} = await request('GET', `${TODOS}/${id}`);
      versions.set(id, headers.get('ETag'));
      return {todo: body, etag: headers.get('ETag')};
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return {todo: null};
      throw error;
    }
  }

  function replaceItem(todo) {
    const index = state.items.findIndex(item => item.id === todo.id);
    if (index >= 0) {
      if (matches(todo)) state.items[index] = todo;
      else state.items.splice(index, 1);
    }
  }

  function removeItem(id) {
    state.items = state.items.filter(item => item.id !== id);
    versions.delete(id);
  }

  /** Turns a 412 or 404 into a ConflictError carrying the newer version (or null when deleted). */
  async function conflictChecked(todo, write) {
    try {
      return await write(await versionOf(todo));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 404)) {
        versions.delete(todo.id);
        throw new ConflictError((await read(todo.id)).todo);
      }
      throw error;
    }
  }

  return {
    state, reload, loadMore, refreshCounts, matches,

    hasMore: () => state.items.length < state.total && state.page * PAGE_SIZE < state.total,

    async add(fields) {
      const {body, headers} = await request('POST', TODOS, {body: fields});
      versions.set(body.id, headers.get('ETag'));
      if (matches(body)) {
        state.items.push(body);
        state.total += 1;
      }
      await refreshCounts();
      return body;
    },

    /** A JSON merge patch of todo, checked against the version the user saw (ConflictError if stale). */
    async update(todo, patch, {force} = {}) {
      const {body, headers} = await serial(() => conflictChecked(todo, etag => request('PATCH', `${TODOS}/${todo.id}`,
        {body: patch, ifMatch: force ? '*' : etag, contentType: 'application/merge-patch+json'})));
      versions.set(body.id, headers.get('ETag'));
      replaceItem(body);
      if ('completed' in patch) await refreshCounts();
      return body;
    },

    async remove(todo) {
      await serial(() => conflictChecked(todo, etag => request('DELETE', `${TODOS}/${todo.id}`, {ifMatch: etag})));
      removeItem(todo.id);
      state.total -= 1;
      await refreshCounts();
    },

    /** Takes the newer version after a conflict: what the user sees from now on. */
    accept(newer, id) {
      if (newer === null) {
        removeItem(id);
      } else {
        versions.delete(newer.id);
        replaceItem(newer);
      }
    },

    /**
     * Moves the loaded item at index `from` to index `to`: the items in between keep the same set
     * of order values, handed out in their new sequence, so todos not loaded or filtered out keep
     * their places. Resolves to the todos written.
     */
    async move(from, to) {
      const items = state.items;
      const low = Math.min(from, to);
      const high = Math.max(from, to);
      const orders = items.slice(low, high + 1).map(todo => todo.order);
      const [moved] = items.splice(from, 1);
      items.splice(to, 0, moved);
      const changed = [];
      for (let index = low; index <= high; index++) {
        const wanted = orders[index - low];
        if (items[index].order !== wanted) changed.push([items[index], wanted]);
      }
      for (const [todo, order] of changed) todo.order = order; // shown at once; written below
      const written = [];
      for (const [todo, order] of changed) {
        written.push(await this.update(todo, {order}));
      }
      return written;
    },

    /** Sets completed on every todo (not only the loaded ones), a page of ids at a time. */
    async completeAll(completed) {
      const ids = await allIds({completed: String(!completed)});
      await inParallel(ids, id => request('PATCH', `${TODOS}/${id}`,
        {body: {completed}, contentType: 'application/merge-patch+json'}));
      return reload();
    },

    async clearCompleted() {
      const ids = await allIds({completed: 'true'});
      await inParallel(ids, id => request('DELETE', `${TODOS}/${id}`).catch(error => {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }));
      return reload();
    },
  };
}

async function allIds(filter) {
  const ids = [];
  for (let page = 1; ; page++) {
    const parameters = new URLSearchParams({...filter, sort: 'order', page, size: BULK_PAGE_SIZE});
    const {body, headers} = await request('GET', `${TODOS}?${parameters}`);
    ids.push(...body.map(todo => todo.id));
    if (body.length === 0 || ids.length >= Number(headers.get('X-Total-Count'))) return ids;
  }
}

async function inParallel(values, work) {
  const queue = [...values];
  const workers = Array.from({length: Math.min(BULK_PARALLEL, queue.length)}, async () => {
    while (queue.length > 0) await work(queue.shift());
  });
  await Promise.all(workers);
}
