// Every call to the API. The session lives in the HttpOnly cookie the API sets at sign-in; writes
// echo the CSRF token from the todolist_csrf cookie. No token is ever kept in script storage.
// A call that cannot reach the server waits and tries again (with a notice and a "retry now"),
// so a flaky connection delays an action instead of losing it.

const CSRF_COOKIE = 'todolist_csrf';
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

/** A problem+json answer (RFC 9457): status, type, title, detail, errors[{field, message}]. */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }
}

const connection = {listeners: new Set(), retryNow: null};

/** listener({offline: true, seconds, retryNow}) while a call waits to retry; ({offline: false}) once one succeeds. */
export function onConnectionChange(listener) {
  connection.listeners.add(listener);
}

/** listener() when the API says the session is gone (401 outside sign-in). */
const sessionListeners = new Set();
export function onSessionEnded(listener) {
  sessionListeners.add(listener);
}

function notify(state) {
  for (const listener of connection.listeners) listener(state);
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(entry => entry.startsWith(`${CSRF_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(CSRF_COOKIE.length + 1)) : '';
}

/**
 * request('PATCH', '/api/v1/todos/1', {body, ifMatch, contentType}) resolves to
 * {status, body, headers}, or rejects with an ApiError for any 4xx/5xx.
 */
export async function request(method, path, {body, ifMatch, contentType = 'application/json', quietUnauthorized} = {}) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  if (ifMatch) headers['If-Match'] = ifMatch;
  const init = {method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body)};
  const response = await fetchWithRetry(path, init);
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && !quietUnauthorized) for (const listener of sessionListeners) listener();
    throw new ApiError(response.status, parsed ?? {title: response.statusText}, response.headers);
  }
  return {status: response.status, body: parsed, headers: response.headers};
}

async function fetchWithRetry(path, init) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(path, init);
      // 502-504 come from a proxy whose upstream is down: the same as unreachable for the user.
      if (response.status < 502 || response.status > 504) {
        if (attempt > 0) notify({offline: false});
        return response;
      }
    } catch (networkFailure) {
      if (!(networkFailure instanceof TypeError)) throw networkFailure;
    }
    await waitBeforeRetry(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
  }
}

function waitBeforeRetry(delayMs) {
  return new Promise(resolve => {
    let seconds = Math.round(delayMs / 1000);
    const finish = () => {
      clearInterval(ticker);
      window.removeEventListener('online', finish);
      resolve();
    };
    const ticker = setInterval(() => {
      seconds -= 1;
      if (seconds <= 0) finish();
      else notify({offline: true, seconds, retryNow: finish});
    }, 1000);
    window.addEventListener('online', finish);
    notify({offline: true, seconds, retryNow: finish});
  });
}

/** The number of todos matching a query, from X-Total-Count (a one-item page). */
export async function countTodos(query) {
  const {headers} = await request('GET', `/api/v1/todos?${new URLSearchParams({...query, size: 1})}`);
  return Number(headers.get('X-Total-Count'));
}
