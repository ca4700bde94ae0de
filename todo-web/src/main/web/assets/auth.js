// Sign-in and sign-up. Sign-in makes the API set the session cookie (HttpOnly) and the CSRF
// cookie; this page keeps nothing of the answer. Sign-up then signs in with the same password.
import {ApiError, request} from './api.js';
import {clearErrors, field, h, replaceChildren, showFieldErrors} from './dom.js';
import {t} from './i18n.js';

/** Shows the sign-in (or sign-up) form in main; onSignedIn() once the session exists. */
export function showAuth(main, {mode = 'signIn', notice, onSignedIn}) {
  const signingUp = mode === 'signUp';
  const email = h('input', {type: 'email', autocomplete: 'username', required: true, spellcheck: 'false'});
  const password = h('input', {type: 'password', required: true,
    autocomplete: signingUp ? 'new-password' : 'current-password', minlength: signingUp ? 12 : null});
  const submit = h('button', {type: 'submit', class: 'primary'}, t(mode));
  const form = h('form', {class: 'auth-form', novalidate: true},
    field('auth-email', t('email'), email),
    field('auth-password', t('password'), password, signingUp ? t('passwordHint') : null),
    h('p', {class: 'form-error', role: 'alert', hidden: true}),
    submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    const credentials = {email: email.value.trim(), password: password.value};
    try {
      if (signingUp) await request('POST', '/api/v1/users', {body: credentials});
      await request('POST', '/api/v1/sessions', {body: credentials, quietUnauthorized: true});
      onSignedIn();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showFieldErrors(form, error.problem, {email: 'auth-email', password: 'auth-password'});
    } finally {
      submit.disabled = false;
    }
  });
  const other = signingUp ? 'signIn' : 'signUp';
  replaceChildren(main, h('section', {class: 'auth card', 'aria-labelledby': 'auth-heading'},
    h('h1', {id: 'auth-heading'}, t(mode)),
    h('p', {class: 'tagline'}, t('tagline')),
    notice ? h('p', {class: 'notice', role: 'status'}, notice) : null,
    form,
    h('p', {class: 'switch-mode'}, t(signingUp ? 'haveAccount' : 'noAccount'), ' ',
      h('button', {type: 'button', class: 'link', onclick: () => showAuth(main, {mode: other, onSignedIn})}, t(other)))));
  main.dataset.ready = 'true';
  email.focus();
}
