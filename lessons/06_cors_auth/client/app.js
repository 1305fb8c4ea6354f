// A browser client for the lesson 06 API, served from another origin (http://127.0.0.1:8080).
// Plain JavaScript, no build step. The API's address comes from ?api=..., or the default below.
'use strict';

const DEFAULT_API = 'http://127.0.0.1:8000';
const ASKED_API = new URLSearchParams(location.search).get('api');

// Only an API on this machine (127.x.x.x, localhost, [::1]): a link with ?api=https://elsewhere
// would otherwise send the username and password typed into this page to that host.
function loopbackApi(value) {
  let url;
  try { url = new URL(value); } catch { return null; }
  const host = url.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  if (!['http:', 'https:'].includes(url.protocol) || !loopback || url.username || url.password) {
    return null;
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

const REFUSED_API = ASKED_API !== null && loopbackApi(ASKED_API) === null;
const API = (ASKED_API !== null && loopbackApi(ASKED_API)) || DEFAULT_API;
const TOKEN_KEY = 'token@' + API; // one token per API, kept in this origin's localStorage

const $ = (id) => document.getElementById(id);

function setStatus(state, text) {
  $('status').dataset.state = state; // "ok", "error", "cors-error", "busy": the tests read it
  $('status').textContent = text;
}

// fetch() rejects with a TypeError when the browser will not hand the answer to this page:
// the CORS headers are missing or wrong, or the server is not running at all. A page cannot
// tell those apart (on purpose), so the message names both; the console has the details.
function corsFailure(method, path) {
  return `CORS failure: the browser blocked ${method} ${API}${path} from ${location.origin}.\n` +
    `Either the API does not allow this origin (no Access-Control-Allow-Origin for it), ` +
    `or it is not running. The browser's console says which.`;
}

async function call(method, path, body) {
  const headers = {};
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers['Authorization'] = `Token ${token}`; // makes the request "not simple": a preflight first
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(API + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error instanceof TypeError) {
      const failure = new Error(corsFailure(method, path));
      failure.cors = true;
      throw failure;
    }
    throw error;
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) {
    const failure = new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
    failure.status = response.status;
    throw failure;
  }
  return data;
}

function showError(error) {
  setStatus(error.cors ? 'cors-error' : 'error', error.message);
}

async function loadArticles() {
  const list = $('articles');
  try {
    const articles = await call('GET', '/api/v1/articles/');
    list.replaceChildren(...articles.map((article) => {
      const item = document.createElement('li');
      item.textContent = article.title; // textContent, never innerHTML: titles are user input
      item.dataset.id = article.id;
      return item;
    }));
    list.dataset.loaded = 'yes';
    return articles;
  } catch (error) {
    list.dataset.loaded = 'failed';
    throw error;
  }
}

async function showUser() {
  if (!localStorage.getItem(TOKEN_KEY)) {
    $('who').textContent = 'Not signed in.';
    $('who').dataset.user = '';
    return;
  }
  try {
    const user = await call('GET', '/accounts/user/');
    $('who').textContent = `Signed in as ${user.username}.`;
    $('who').dataset.user = user.username;
  } catch (error) {
    if (error.status === 401) localStorage.removeItem(TOKEN_KEY); // a dead token: forget it
    $('who').textContent = 'Not signed in.';
    $('who').dataset.user = '';
    throw error;
  }
}

async function signIn(event) {
  event.preventDefault();
  setStatus('busy', 'Signing in ...');
  try {
    const { key } = await call('POST', '/accounts/login/', {
      username: $('username').value, password: $('password').value,
    });
    localStorage.setItem(TOKEN_KEY, key);
    await showUser();
    setStatus('ok', `Signed in: requests now carry "Authorization: Token ${key.slice(0, 6)}...".`);
  } catch (error) { showError(error); }
}

async function signUp() {
  setStatus('busy', 'Signing up ...');
  try {
    const password = $('password').value;
    const { key } = await call('POST', '/accounts/signup/', {
      username: $('username').value, password1: password, password2: password,
    });
    localStorage.setItem(TOKEN_KEY, key);
    await showUser();
    setStatus('ok', 'Signed up and signed in.');
  } catch (error) { showError(error); }
}

async function signOut() {
  try {
    if (localStorage.getItem(TOKEN_KEY)) await call('POST', '/accounts/logout/');
    setStatus('ok', 'Signed out: the server deleted the token.');
  } catch (error) { showError(error); }
  localStorage.removeItem(TOKEN_KEY);
  await showUser().catch(() => {});
}

async function createArticle(event) {
  event.preventDefault();
  setStatus('busy', 'Creating ...');
  try {
    const article = await call('POST', '/api/v1/articles/', {
      title: $('title').value, content: $('content').value,
    });
    await loadArticles();
    setStatus('ok', `Created article ${article.id}: "${article.title}".`);
  } catch (error) { showError(error); }
}

async function start() {
  $('api').textContent = API;
  $('page-origin').textContent = location.origin;
  $('login-form').addEventListener('submit', signIn);
  $('signup').addEventListener('click', signUp);
  $('signout').addEventListener('click', signOut);
  $('article-form').addEventListener('submit', createArticle);
  $('reload').addEventListener('click', () => loadArticles().then(
    () => setStatus('ok', 'Reloaded.'), showError));
  if (REFUSED_API) {
    // Say so, and call nothing: the learner sees why before typing a password.
    setStatus('error', `Refused ?api=${ASKED_API}: this page calls an API on this machine only ` +
      '(http://127.0.0.1:PORT or http://localhost:PORT).');
    return;
  }
  try {
    const articles = await loadArticles();
    await showUser();
    setStatus('ok', `Loaded ${articles.length} articles from ${API}.`);
  } catch (error) { showError(error); }
}

start();
