// The language: the one chosen with the switch (kept in localStorage, a preference, no secret),
// else the browser's first language we have, else English.
import {messages} from './messages.js';

const STORAGE_KEY = 'todolist.language';
export const languages = Object.keys(messages);
let language = initialLanguage();
const listeners = new Set();

function initialLanguage() {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (languages.includes(chosen)) return chosen;
  for (const preferred of navigator.languages ?? [navigator.language]) {
    const base = String(preferred).slice(0, 2).toLowerCase();
    if (languages.includes(base)) return base;
  }
  return 'en';
}

export function currentLanguage() {
  return language;
}

export function setLanguage(next) {
  language = languages.includes(next) ? next : 'en';
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The message `key` in the current language, {name} replaced from vars; plural by vars.count. */
export function t(key, vars = {}) {
  let message = messages[language][key] ?? messages.en[key] ?? key;
  if (typeof message === 'object') {
    message = message[new Intl.PluralRules(language).select(vars.count)] ?? message.other;
  }
  return message.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

const dateFormats = new Map(); // one formatter per language: making one costs more than a page of dates
export function formatDate(isoDate) {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!dateFormats.has(language)) {
    dateFormats.set(language, new Intl.DateTimeFormat(language, {day: 'numeric', month: 'short', year: 'numeric'}));
  }
  return dateFormats.get(language).format(new Date(year, month - 1, day));
}

document.documentElement.lang = language;
