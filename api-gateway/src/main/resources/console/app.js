// The console's shell: sign in with an API key, then one page per hash route (#/try-on, ...).
// Each page module exports render(main, signal); the signal aborts when the page is left.

import { session, get, forget, ApiError } from './api.js';
import { h, fill, errorBox } from './ui.js';
import * as tryOn from './pages/try-on.js';
import * as people from './pages/people.js';
import * as clothes from './pages/clothes.js';
import * as gallery from './pages/gallery.js';
import * as account from './pages/account.js';

const PAGES = {
  'try-on': { title: 'Try on', module: tryOn },
  people: { title: 'People', module: people },
  clothes: { title: 'Clothes', module: clothes },
  gallery: { title: 'Gallery', module: gallery },
  account: { title: 'Account', module: account },
};

const main = document.getElementById('main');
const header = document.getElementById('top');
let leaving = null; // aborts what the current page follows (job streams, polls)

function leavePage() {
  if (leaving) leaving.abort();
  leaving = null;
}

function signInPage(problem) {
  leavePage();
  header.hidden = true;
  main.dataset.page = 'sign-in';
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'vtry_...' });
  const slot = h('div', { id: 'sign-in-error' }, problem && errorBox(problem));
  const button = h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in');
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Vtry console'),
    h('p', {}, 'Try on clothes, follow jobs live and browse your results, with your API key.'),
    h('div', { class: 'field' }, h('label', { for: 'api-key' }, 'API key'), input,
      h('p', { class: 'muted small' }, 'Kept in this tab only (sessionStorage) and sent to this API only. Sign out removes it.')),
    slot, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = input.value.trim();
    session.signIn(key);
    button.disabled = true;
    try {
      forget('/me');
      await get('/me');
      if (!location.hash || location.hash === '#/sign-in') location.hash = '#/try-on';
      else route();
    } catch (error) {
      session.signOut();
      fill(slot, errorBox(error));
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  fill(main, form);
  document.title = 'Sign in · Vtry console';
  input.focus();
}

function route() {
  leavePage();
  if (!session.key()) {
    signInPage();
    return;
  }
  const name = location.hash.replace(/^#\/?/, '').split('?')[0] || 'try-on';
  const page = PAGES[name];
  if (!page) {
    location.hash = '#/try-on';
    return;
  }
  header.hidden = false;
  for (const link of header.querySelectorAll('nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${page.title} · Vtry console`;
  fill(main, h('h1', {}, page.title));
  leaving = new AbortController();
  page.module.render(main, leaving.signal);
  main.dataset.page = name;
  main.focus({ preventScroll: true });
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/sign-in';
  signInPage();
});

// A key that stops working (rotated elsewhere, revoked) brings the sign-in page back, with why.
window.addEventListener('vtry:unauthorized', (e) => {
  if (!session.key() || header.hidden) return;
  session.signOut();
  signInPage(e.detail instanceof ApiError ? e.detail : null);
});

// The skip link must not change the hash: the hash is the page.
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);
route();
// When the first page can be used: the browser test reads it as the time to interactive.
document.documentElement.dataset.readyAt = String(Math.round(performance.now()));
document.documentElement.dataset.ready = 'true';
