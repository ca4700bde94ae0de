// Element building without HTML strings: every text goes in as a text node, so a todo titled
// <img src=x onerror=alert(1)> shows those characters and never becomes markup.

/**
 * h('li', {class: 'x', onclick: fn, dataset: {id}}, child, ...): attributes are set as attributes
 * (properties for value/checked/disabled/hidden), on* as listeners; children are nodes or strings.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'hidden') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of element. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A labelled form field with its error slot (filled by showFieldErrors). */
export function field(id, label, input, hint) {
  input.id = id;
  input.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
  return h('div', {class: 'field'},
    h('label', {for: id}, label),
    input,
    hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null,
    h('p', {class: 'field-error', id: `${id}-error`, hidden: true}));
}

/**
 * Shows a problem's field errors next to their fields (errors[].field 'tags[0]' goes to the field
 * 'tags') and its detail in the form's own error slot; returns whether any field matched.
 */
export function showFieldErrors(form, problem, fieldIds) {
  clearErrors(form);
  let matched = false;
  for (const error of problem.errors ?? []) {
    const name = error.field.replace(/\[\d+\]$/, '');
    const input = fieldIds[name] && form.querySelector(`#${fieldIds[name]}`);
    if (!input) continue;
    const slot = form.querySelector(`#${input.id}-error`);
    slot.textContent = slot.hidden ? error.message : `${slot.textContent}; ${error.message}`;
    slot.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    if (!matched) input.focus();
    matched = true;
  }
  const formError = form.querySelector('.form-error');
  if (formError && !matched) {
    formError.textContent = problem.detail || problem.title;
    formError.hidden = false;
  }
  return matched;
}

export function clearErrors(form) {
  for (const slot of form.querySelectorAll('.field-error, .form-error')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/** Says text to screen-reader users through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  requestAnimationFrame(() => { region.textContent = text; });
}

/** Runs async work, handing any failure to onError: the one way every user action reports an error. */
export function guardedBy(onError) {
  return async work => {
    try {
      await work();
    } catch (error) {
      onError(error);
    }
  };
}
