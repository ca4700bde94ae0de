// The account screen: who is signed in, change the password, personal access tokens (list,
// create, shown once, revoke) and deleting the account.
import {ApiError, request} from './api.js';
import {announce, clearErrors, field, h, replaceChildren, showFieldErrors} from './dom.js';
import {formatDate, t} from './i18n.js';

const TOKENS = '/api/v1/me/tokens';

export async function showAccount(main, {me, onDeleted, onError}) {
  const tokenList = h('ul', {class: 'token-list'});
  const created = h('div', {class: 'token-created', hidden: true});

  async function refreshTokens() {
    const {body} = await request('GET', TOKENS);
    replaceChildren(tokenList, body.length === 0 ? h('li', {class: 'muted'}, t('noTokens')) : body.map(token =>
      h('li', {},
        h('span', {class: 'token-name'}, token.name),
        h('span', {class: 'muted'}, t('expires', {date: formatDate(token.expiresAt.slice(0, 10))})),
        h('button', {type: 'button', class: 'danger', 'aria-label': t('revoke', {name: token.name}),
          onclick: () => guarded(async () => {
            await request('DELETE', `${TOKENS}/${token.id}`);
            announce(t('tokenRevoked', {name: token.name}));
            await refreshTokens();
          })}, t('revokeLabel')))));
  }

  async function guarded(work) {
    try {
      await work();
    } catch (error) {
      onError(error);
    }
  }

  const passwordForm = form('password-form', [
    field('current-password', t('currentPassword'), h('input', {type: 'password', autocomplete: 'current-password'})),
    field('new-password', t('newPassword'), h('input', {type: 'password', autocomplete: 'new-password'}), t('passwordHint')),
  ], t('changePassword'), async formElement => {
    await request('PUT', '/api/v1/me/password', {body: {
      currentPassword: formElement.querySelector('#current-password').value,
      newPassword: formElement.querySelector('#new-password').value}});
    formElement.reset();
    return t('passwordChanged');
  }, {currentPassword: 'current-password', newPassword: 'new-password'});

  const tokenForm = form('token-form', [
    field('token-name', t('tokenName'), h('input', {type: 'text', maxlength: 100})),
    field('token-days', t('tokenDays'), h('input', {type: 'number', min: 1, max: 366, value: 90})),
  ], t('createToken'), async formElement => {
    const {body} = await request('POST', TOKENS, {body: {
      name: formElement.querySelector('#token-name').value.trim(),
      expiresInDays: Number(formElement.querySelector('#token-days').value)}});
    replaceChildren(created, h('label', {for: 'token-value'}, t('tokenCreated')),
      h('input', {id: 'token-value', class: 'token-value', readonly: true, value: body.token,
        onfocus: event => event.target.select()}));
    created.hidden = false;
    formElement.reset();
    await refreshTokens();
    created.querySelector('input').focus();
    return null;
  }, {name: 'token-name', expiresInDays: 'token-days'});

  const deleteForm = form('delete-form', [
    h('p', {}, t('deleteAccountText')),
    field('delete-password', t('password'), h('input', {type: 'password', autocomplete: 'current-password'})),
  ], t('deleteAccountConfirm'), async formElement => {
    await request('DELETE', '/api/v1/me', {body: {password: formElement.querySelector('#delete-password').value}});
    onDeleted();
    return null;
  }, {password: 'delete-password'}, 'danger');

  replaceChildren(main, h('div', {class: 'account'},
    h('nav', {class: 'back'}, h('a', {href: '#/'}, `← ${t('backToList')}`)),
    h('h1', {}, t('account')),
    h('p', {class: 'muted'}, t('signedInAs', {email: me.email})),
    h('section', {class: 'card', 'aria-labelledby': 'password-heading'},
      h('h2', {id: 'password-heading'}, t('changePassword')), passwordForm),
    h('section', {class: 'card', 'aria-labelledby': 'tokens-heading'},
      h('h2', {id: 'tokens-heading'}, t('tokensTitle')), h('p', {class: 'muted'}, t('tokensIntro')),
      tokenList, created, tokenForm),
    h('section', {class: 'card danger-zone', 'aria-labelledby': 'delete-heading'},
      h('h2', {id: 'delete-heading'}, t('deleteAccount')), deleteForm)));
  await refreshTokens();
  main.dataset.ready = 'true';
}

/** A form whose submit runs `action` and shows its answer, or the API's errors next to the fields. */
function form(id, fields, submitLabel, action, fieldIds, submitClass = 'primary') {
  const status = h('p', {class: 'notice', role: 'status', hidden: true});
  const element = h('form', {id, novalidate: true}, fields,
    h('p', {class: 'form-error', role: 'alert', hidden: true}), status,
    h('button', {type: 'submit', class: submitClass}, submitLabel));
  element.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(element);
    status.hidden = true;
    try {
      const message = await action(element);
      if (message) {
        status.textContent = message;
        status.hidden = false;
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showFieldErrors(element, error.problem, fieldIds);
    }
  });
  return element;
}
