// Tributary web console: plain JavaScript over the /api routes, no build step.
// The API token is kept in sessionStorage (this tab only) and sent as a bearer token on every call.
'use strict';

const TOKEN_KEY = 'tributary.token';

/** An /api answer that was not 2xx; carries the server's {"error": {...}} object. */
class ApiFailure extends Error {
    constructor(status, error) {
        super(error.message);
        this.status = status;
        this.code = error.code;
        this.field = error.field;
        this.problems = error.problems;
    }
}

function token() {
    return sessionStorage.getItem(TOKEN_KEY);
}

/** Calls the API; resolves to the parsed JSON body (or null), rejects with ApiFailure. */
async function api(method, path, body) {
    const headers = {'Authorization': 'Bearer ' + token()};
    const init = {method, headers};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    if (response.status === 401) {
        signOut('The token was not accepted; sign in again.');
        throw new ApiFailure(401, {code: 'unauthorized', message: 'not signed in'});
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
        throw new ApiFailure(response.status, (json && json.error) || {code: 'http_' + response.status,
            message: 'HTTP ' + response.status});
    }
    return json;
}

/** Creates an element: el('p', {class: 'x'}, 'text', child...). Text is never parsed as HTML. */
function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (name.startsWith('on')) {
            element.addEventListener(name.substring(2), value);
        } else if (value === true) {
            element.setAttribute(name, '');
        } else if (value !== false && value !== undefined && value !== null) {
            element.setAttribute(name, String(value));
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined) {
            element.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
    return element;
}

function show(...children) {
    const main = document.getElementById('main');
    main.replaceChildren(...children.flat().filter(child => child !== null && child !== undefined));
}

function showError(failure) {
    show(el('p', {class: 'error', role: 'alert'}, failure.message));
}

const views = [];

/** Registers a view for hash routes matching the pattern; its groups are passed to render. */
function view(pattern, render) {
    views.push({pattern, render});
}

async function route() {
    if (!token()) {
        return;
    }
    const hash = location.hash || '#/connectors';
    for (const link of document.querySelectorAll('nav a')) {
        link.classList.toggle('active', hash.startsWith(link.getAttribute('href')));
    }
    for (const {pattern, render} of views) {
        const match = hash.match(pattern);
        if (match) {
            try {
                await render(...match.slice(1).map(decodeURIComponent));
            } catch (failure) {
                if (failure.status !== 401) {
                    showError(failure);
                }
            }
            return;
        }
    }
    show(el('p', {}, 'Nothing here. ', el('a', {href: '#/connectors'}, 'Go to the connectors.')));
}

function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    document.getElementById('nav').hidden = true;
    document.getElementById('main').replaceChildren();
    document.getElementById('server-status').textContent = '';
    document.getElementById('login').hidden = false;
    document.getElementById('login-error').textContent = message || '';
}

async function signIn(candidate) {
    sessionStorage.setItem(TOKEN_KEY, candidate);
    try {
        const health = await api('GET', '/api/health');
        document.getElementById('login').hidden = true;
        document.getElementById('nav').hidden = false;
        document.getElementById('server-status').textContent = 'Server ' + health.status;
        await route();
    } catch (failure) {
        if (failure.status !== 401) {
            signOut('The server could not be reached: ' + failure.message);
        }
    }
}

document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('login-form').addEventListener('submit', event => {
        event.preventDefault();
        const input = document.getElementById('token');
        const candidate = input.value.trim();
        input.value = '';
        signIn(candidate);
    });
    document.getElementById('sign-out').addEventListener('click', () => signOut());
    window.addEventListener('hashchange', route);
    if (token()) {
        signIn(token());
    } else {
        signOut();
    }
});
