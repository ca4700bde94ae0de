// The app's entry point: the top bar (language, theme, account, sign-out), the connection notice,
// and the routes: #/, #/active and #/completed (the list, filtered as TodoMVC's), #/account.
import {ApiError, onConnectionChange, onSessionEnded, request} from './api.js';
import {h, replaceChildren} from './dom.js';
import {currentLanguage, languages, onLanguageChange, setLanguage, t} from './i18n.js';
import {showAuth} from './auth.js';
import {showAccount} from './account.js';
import {createTodoView} from './todo-view.js';

const THEME_KEY = 'todolist.theme';
const main = document.getElementById('main');
const signOut = document.getElementById('sign-out');
const accountLink = document.getElementById('account-link');
const languageSelect = document.getElementById('language');
const themeSelect = document.getElementById('theme');
const connection = document.getElementById('connection');
const errorBox = document.getElementById('error');
let me = null;
let todoView = null;

function route() {
  main.dataset.ready = 'false';
  errorBox.hidden = true;
  if (!me) return start();
  const hash = location.hash || '#/';
  if (hash === '#/account') return showAccount(main, {me, onError: showError, onDeleted: () => signedOut(t('accountDeleted'))});
  todoView ??= createTodoView(main, {onError: showError});
  return todoView.show(hash === '#/active' ? 'active' : hash === '#/completed' ? 'completed' : 'all');
}

async function start() {
  try {
    me = (await request('GET', '/api/v1/me', {quietUnauthorized: true})).body;
    document.body.classList.add('signed-in');
    return route();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signedOut();
    showError(error);
  }
}

function signedOut(notice) {
  me = null;
  todoView = null;
  document.body.classList.remove('signed-in');
  showAuth(main, {notice, onSignedIn: start});
}

function showError(error) {
  if (error instanceof ApiError && error.status === 401) return;
  replaceChildren(errorBox,
    h('p', {}, t('error', {detail: error instanceof ApiError ? error.message : String(error.message ?? error)})),
    h('button', {type: 'button', class: 'link', onclick: () => { errorBox.hidden = true; }}, '×'));
  errorBox.querySelector('button').setAttribute('aria-label', t('cancel'));
  errorBox.hidden = false;
  console.error(error);
}

function renderChrome() {
  document.title = t('appName');
  document.querySelector('.skip-link').textContent = t('skip');
  signOut.textContent = t('signOut');
  accountLink.textContent = t('account');
  document.querySelector('label[for="language"]').textContent = t('language');
  document.querySelector('label[for="theme"]').textContent = t('theme');
  replaceChildren(themeSelect, [['system', 'themeSystem'], ['light', 'themeLight'], ['dark', 'themeDark']]
    .map(([value, key]) => h('option', {value, selected: themeSelect.dataset.value === value}, t(key))));
  themeSelect.value = themeSelect.dataset.value;
}

function applyTheme(theme) {
  themeSelect.dataset.value = theme;
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  localStorage.setItem(THEME_KEY, theme);
}

replaceChildren(languageSelect, languages.map(code =>
  h('option', {value: code, lang: code, selected: code === currentLanguage()}, code === 'fr' ? 'Français' : 'English')));
languageSelect.addEventListener('change', () => setLanguage(languageSelect.value));
themeSelect.addEventListener('change', () => applyTheme(themeSelect.value));
applyTheme(localStorage.getItem(THEME_KEY) ?? 'system');
onLanguageChange(() => {
  renderChrome();
  if (!me) signedOut();
  else route();
});
renderChrome();

signOut.addEventListener('click', async () => {
  try {
    await request('DELETE', '/api/v1/sessions/current');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) return showError(error);
  }
  signedOut(t('signedOut'));
});

onSessionEnded(() => signedOut(t('sessionEnded')));
onConnectionChange(({offline, seconds, retryNow}) => {
  if (!offline) {
    connection.classList.remove('offline');
    connection.textContent = t('backOnline');
    setTimeout(() => { if (!connection.classList.contains('offline')) connection.hidden = true; }, 3000);
    return;
  }
  // The text changes every second; the button stays the same element, so keyboard focus stays on it.
  if (!connection.classList.contains('offline')) {
    connection.classList.add('offline');
    replaceChildren(connection, h('span', {}), ' ', h('button', {type: 'button', class: 'link'}, t('retryNow')));
  }
  connection.querySelector('span').textContent = t('offline', {seconds});
  connection.querySelector('button').onclick = retryNow;
  connection.hidden = false;
});
window.addEventListener('hashchange', route);
route();
