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

const icons = new Map();

/** Loads an icon with the token (an <img src> cannot send it) and returns an object URL for it. */
async function iconUrl(path) {
    if (!icons.has(path)) {
        icons.set(path, fetch(path, {headers: {'Authorization': 'Bearer ' + token()}})
            .then(response => response.ok ? response.blob() : Promise.reject(new Error('HTTP ' + response.status)))
            .then(blob => URL.createObjectURL(blob)));
    }
    return icons.get(path);
}

function connectorIcon(connector) {
    const image = el('img', {class: 'connector-icon', alt: connector.name + ' icon', 'data-connector': connector.id});
    if (connector.icon) {
        iconUrl(connector.icon).then(url => { image.src = url; }, () => { image.alt = 'no icon'; });
    } else {
        image.classList.add('no-icon');
        image.src = 'connector.svg';
    }
    return image;
}

view(/^#\/connectors$/, async () => {
    const [{connectors}, {plugins}] = await Promise.all([api('GET', '/api/connectors'), api('GET', '/api/plugins')]);
    const failed = plugins.filter(plugin => plugin.status === 'failed');
    show(
        el('h2', {}, 'Connectors'),
        connectors.length === 0 ? el('p', {}, 'No connector is installed: drop plugin jars into plugins/.') : null,
        el('div', {class: 'gallery', id: 'gallery'}, connectors.map(connector =>
            el('div', {class: 'card connector', 'data-connector': connector.id},
                connectorIcon(connector),
                el('h3', {}, connector.name),
                el('p', {}, connector.id + ' ' + connector.version + ' · ' + connector.plugin),
                el('p', {}, connector.description),
                el('button', {class: 'secondary add-source', type: 'button',
                    onclick: () => { location.hash = '#/sources/new/' + encodeURIComponent(connector.id); }},
                'Add data source')))),
        failed.length === 0 ? null : el('section', {id: 'failed-plugins'},
            el('h2', {}, 'Plugins that failed to load'),
            el('table', {},
                el('tr', {}, el('th', {}, 'Plugin'), el('th', {}, 'Why'), el('th', {}, 'What to do')),
                failed.flatMap(plugin => plugin.failures.map(failure =>
                    el('tr', {class: 'failed-plugin'},
                        el('td', {}, plugin.name),
                        el('td', {}, failure.cause),
                        el('td', {}, failure.hint)))))));
});

// ---- Data sources ---------------------------------------------------------------------------------------

view(/^#\/sources$/, async () => {
    const {sources} = await api('GET', '/api/sources');
    show(
        el('h2', {}, 'Data sources'),
        el('p', {}, el('a', {href: '#/connectors'}, 'Add a data source from a connector')),
        sources.length === 0 ? el('p', {id: 'no-sources'}, 'No data source yet.') : el('table', {id: 'sources'},
            el('tr', {}, ['Name', 'Connector', 'Schedule', 'Enabled', 'State'].map(h => el('th', {}, h))),
            sources.map(source => el('tr', {'data-source': source.name},
                el('td', {}, el('a', {href: '#/sources/' + encodeURIComponent(source.name)}, source.name)),
                el('td', {}, source.connector),
                el('td', {}, source.schedule ? source.schedule.cron + ' (' + source.schedule.zone + ')' : 'on demand'),
                el('td', {}, source.enabled ? 'yes' : 'no'),
                el('td', {}, source.running ? 'syncing' : 'idle')))));
});

view(/^#\/sources\/new\/([^/]+)$/, async connectorId => {
    const connector = await api('GET', '/api/connectors/' + encodeURIComponent(connectorId));
    show(el('h2', {}, 'New ' + connector.name + ' data source'), sourceForm(connector, null));
});

view(/^#\/sources\/([^/]+)\/edit$/, async name => {
    const source = await api('GET', '/api/sources/' + encodeURIComponent(name));
    const connector = await api('GET', '/api/connectors/' + encodeURIComponent(source.connector));
    show(el('h2', {}, 'Edit ' + source.name), sourceForm(connector, source));
});

/** One input for a config field, by its type; secrets are password inputs that never show the stored value. */
function fieldInput(field, source) {
    const id = 'field-' + field.name;
    const current = source && source.config[field.name] !== undefined ? source.config[field.name] : null;
    const attributes = {id, name: field.name, 'data-type': field.type};
    if (field.type === 'boolean') {
        return el('input', Object.assign(attributes, {type: 'checkbox', checked: current === true}));
    }
    if (field.type === 'object' || field.type === 'list') {
        const text = current === null ? '' : JSON.stringify(current);
        const area = el('textarea', Object.assign(attributes, {rows: 3, required: field.required && !source,
            placeholder: field.type === 'list' ? '["..."]' : '{"key": "value"}'}));
        area.value = text;
        return area;
    }
    const type = field.secret ? 'password' : field.type === 'url' ? 'url'
        : field.type === 'integer' || field.type === 'number' ? 'number' : 'text';
    const input = el('input', Object.assign(attributes, {type, autocomplete: field.secret ? 'new-password' : 'off',
        step: field.type === 'number' ? 'any' : undefined,
        required: field.required && !(field.secret && source),
        placeholder: field.secret && source ? 'unchanged (' + current + ')' : field.default || ''}));
    if (!field.secret && current !== null) {
        input.value = String(current);
    }
    return input;
}

function fieldValue(field, input) {
    if (field.type === 'boolean') {
        return input.checked;
    }
    const text = input.value.trim();
    if (text === '') {
        return '';
    }
    if (field.type === 'object' || field.type === 'list') {
        try {
            return JSON.parse(text);
        } catch (e) {
            return text;
        }
    }
    if (field.type === 'integer' || field.type === 'number') {
        return Number(text);
    }
    return text;
}

function labelled(name, label, help, input, required) {
    return el('div', {class: 'field', 'data-field': name},
        el('label', {for: input.id}, label, required ? ' *' : ''),
        help ? el('p', {class: 'help'}, help) : null,
        input,
        el('p', {class: 'field-error', id: 'error-' + name, role: 'alert'}));
}

/** The add/edit form generated from the connector's config schema. */
function sourceForm(connector, source) {
    const fields = connector.configSchema.fields;
    const nameInput = el('input', {id: 'field-name', name: 'name', type: 'text', required: true,
        placeholder: 'e.g. ' + connector.id + '_main'});
    const inputs = new Map(fields.map(field => [field.name, fieldInput(field, source)]));
    const cron = el('input', {id: 'field-cron', type: 'text', placeholder: 'e.g. 0 * * * * (hourly); empty: on demand'});
    const zone = el('input', {id: 'field-zone', type: 'text', placeholder: 'UTC'});
    if (source && source.schedule) {
        cron.value = source.schedule.cron;
        zone.value = source.schedule.zone;
    }
    const formError = el('p', {class: 'error', id: 'form-error', role: 'alert'});
    const form = el('form', {id: 'source-form', novalidate: false},
        source ? null : labelled('name', 'Name', 'Lowercase letters, digits and _; it prefixes the tables.',
            nameInput, true),
        fields.map(field => labelled(field.name, field.label,
            field.help + (field.secret && source ? ' Leave empty to keep the stored value.' : ''),
            inputs.get(field.name), field.required && !(field.secret && source))),
        labelled('schedule', 'Schedule (cron)', 'Minute hour day-of-month month day-of-week.', cron, false),
        labelled('zone', 'Time zone', 'e.g. Europe/Paris; default UTC.', zone, false),
        el('button', {type: 'submit', id: 'save-source'}, source ? 'Save changes' : 'Create data source'),
        formError);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        for (const message of form.querySelectorAll('.field-error')) {
            message.textContent = '';
        }
        formError.textContent = '';
        const config = {};
        for (const field of fields) {
            const value = fieldValue(field, inputs.get(field.name));
            if (value !== '' || source) {
                config[field.name] = value;
            }
        }
        const body = {config, schedule: cron.value.trim()
            ? {cron: cron.value.trim(), zone: zone.value.trim() || 'UTC'} : null};
        try {
            let saved;
            if (source) {
                saved = await api('PUT', '/api/sources/' + encodeURIComponent(source.name), body);
            } else {
                body.name = nameInput.value.trim();
                body.connector = connector.id;
                saved = await api('POST', '/api/sources', body);
            }
            location.hash = '#/sources/' + encodeURIComponent(saved.name);
        } catch (failure) {
            const problems = failure.problems || (failure.field ? [{field: failure.field, message: failure.message}] : []);
            let shown = false;
            for (const problem of problems) {
                const slot = document.getElementById('error-' + problem.field);
                if (slot) {
                    slot.textContent = problem.message;
                    shown = true;
                }
            }
            if (!shown) {
                formError.textContent = failure.message;
            }
        }
    });
    return form;
}

// ---- One data source: test, sync with live progress, history --------------------------------------------

view(/^#\/sources\/([^/]+)$/, async name => {
    const source = await api('GET', '/api/sources/' + encodeURIComponent(name));
    const path = '/api/sources/' + encodeURIComponent(name);
    const testResult = el('p', {id: 'test-result', role: 'status'});
    const progress = el('section', {id: 'sync-progress'});
    const history = el('section', {id: 'history'});
    const syncButton = el('button', {type: 'button', id: 'start-sync'}, 'Start sync');
    show(
        el('h2', {}, source.name),
        el('p', {}, 'Connector ' + source.connector + ' · ' + (source.schedule
            ? 'scheduled ' + source.schedule.cron + ' (' + source.schedule.zone + ')' : 'synced on demand')),
        el('table', {id: 'source-config'}, Object.entries(source.config).map(([key, value]) =>
            el('tr', {}, el('th', {}, key), el('td', {}, typeof value === 'string' ? value : JSON.stringify(value))))),
        el('p', {},
            el('button', {type: 'button', class: 'secondary', id: 'edit-source',
                onclick: () => { location.hash = '#/sources/' + encodeURIComponent(name) + '/edit'; }}, 'Edit'), ' ',
            el('button', {type: 'button', class: 'secondary', id: 'test-connection', onclick: async () => {
                testResult.className = '';
                testResult.textContent = 'Testing…';
                const result = await api('POST', path + '/test');
                testResult.className = result.success ? 'ok' : 'error';
                testResult.textContent = (result.success ? 'Connection OK: ' : 'Connection failed: ') + result.message;
            }}, 'Test connection'), ' ',
            syncButton, ' ',
            el('button', {type: 'button', class: 'secondary', id: 'delete-source', onclick: async () => {
                if (confirm('Remove data source ' + name + '? Its synced tables and run history stay.')) {
                    await api('DELETE', path);
                    location.hash = '#/sources';
                }
            }}, 'Remove')),
        testResult, progress, history);
    syncButton.addEventListener('click', async () => {
        syncButton.disabled = true;
        try {
            const started = await api('POST', path + '/syncs', {});
            await watchRun(started.runId, progress);
        } catch (failure) {
            progress.replaceChildren(el('p', {class: 'error', role: 'alert'}, failure.message));
        } finally {
            syncButton.disabled = false;
            await showHistory(history, name);
        }
    });
    await showHistory(history, name);
});

/** Reads /api/runs/{id}/events with the token (EventSource cannot send it) and calls onEvent per event. */
async function streamEvents(path, onEvent) {
    const response = await fetch(path, {headers: {'Authorization': 'Bearer ' + token(),
        'Accept': 'text/event-stream'}});
    if (!response.ok) {
        const json = await response.json().catch(() => null);
        throw new ApiFailure(response.status, (json && json.error) || {message: 'HTTP ' + response.status});
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
        const {value, done} = await reader.read();
        if (done) {
            return;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.substring(0, end);
            buffer = buffer.substring(end + 2);
            let name = 'message';
            let data = '';
            for (const line of block.split('\n')) {
                if (line.startsWith('event: ')) {
                    name = line.substring(7);
                } else if (line.startsWith('data: ')) {
                    data += line.substring(6);
                }
            }
            if (data) {
                onEvent(name, JSON.parse(data));
            }
        }
    }
}

function progressRow(entity) {
    return el('div', {class: 'entity-progress', 'data-entity': entity},
        el('strong', {}, entity),
        el('div', {class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
            'aria-valuenow': 0}, el('div', {})),
        el('span', {class: 'progress-text'}, 'waiting'));
}

function updateProgress(row, event) {
    const bar = row.querySelector('[role=progressbar]');
    const percent = event.percent === null ? null : event.percent;
    if (percent !== null) {
        bar.setAttribute('aria-valuenow', String(percent));
        bar.firstChild.style.width = percent + '%';
    }
    row.setAttribute('data-state', event.state);
    row.setAttribute('data-percent', percent === null ? '' : String(percent));
    row.querySelector('.progress-text').textContent = event.records
        + (event.total === null ? '' : ' / ' + event.total) + ' records'
        + (percent === null ? '' : ' · ' + percent + '%')
        + ' · ' + event.rate + ' rec/s · ' + event.state.replace('_', ' ')
        + (event.detail ? ' · ' + event.detail : '');
}

/** Shows a run's per-entity progress live until its result arrives. */
async function watchRun(runId, container) {
    const rows = new Map();
    const list = el('div', {id: 'entity-progress'});
    const result = el('p', {id: 'sync-result', role: 'status'}, 'Syncing…');
    container.replaceChildren(el('h3', {}, 'Sync ', el('a', {href: '#/runs/' + runId}, runId.substring(0, 8))),
        list, result);
    await streamEvents('/api/runs/' + encodeURIComponent(runId) + '/events', (name, event) => {
        if (name === 'progress') {
            if (!rows.has(event.entity)) {
                rows.set(event.entity, progressRow(event.entity));
                list.append(rows.get(event.entity));
            }
            updateProgress(rows.get(event.entity), event);
        } else if (name === 'result') {
            result.className = 'state-' + event.status;
            result.setAttribute('data-status', event.status);
            result.textContent = 'Sync ' + event.status + ': ' + event.records + ' records'
                + (event.error ? ' · ' + event.error : '')
                + event.entities.filter(e => e.error).map(e => ' · ' + e.entity + ': ' + e.error).join('');
        }
    });
}

function runsTable(runs, withSource) {
    if (runs.length === 0) {
        return el('p', {class: 'no-runs'}, 'No run yet.');
    }
    return el('table', {class: 'runs'},
        el('tr', {}, ['Run', withSource ? 'Source' : null, 'Started', 'Trigger', 'Status', 'Records', 'Errors']
            .filter(h => h !== null).map(h => el('th', {}, h))),
        runs.map(run => el('tr', {'data-run': run.id, 'data-status': run.status},
            el('td', {}, el('a', {href: '#/runs/' + run.id}, run.id.substring(0, 8))),
            withSource ? el('td', {}, run.source) : null,
            el('td', {}, run.startedAt ? new Date(run.startedAt).toLocaleString() : ''),
            el('td', {}, run.trigger || ''),
            el('td', {class: 'state-' + run.status}, run.status),
            el('td', {}, String(run.records)),
            el('td', {class: 'error'}, [run.error].concat(run.entities.filter(e => e.error)
                .map(e => e.entity + ': ' + e.error)).filter(Boolean).join('; ')))));
}

async function showHistory(container, source) {
    const {runs} = await api('GET', '/api/runs?limit=20&source=' + encodeURIComponent(source));
    container.replaceChildren(el('h3', {}, 'Run history'), runsTable(runs, false));
}

// ---- Runs ------------------------------------------------------------------------------------------------

view(/^#\/runs$/, async () => {
    const {runs} = await api('GET', '/api/runs?limit=100');
    show(el('h2', {}, 'Runs'), runsTable(runs, true));
});

view(/^#\/runs\/([^/]+)$/, async id => {
    const run = await api('GET', '/api/runs/' + encodeURIComponent(id));
    const progress = el('section', {id: 'sync-progress'});
    show(
        el('h2', {}, 'Run ' + id.substring(0, 8) + ' of ',
            el('a', {href: '#/sources/' + encodeURIComponent(run.source)}, run.source)),
        el('p', {class: 'state-' + run.status}, run.status + (run.error ? ': ' + run.error : '')),
        el('table', {class: 'run-entities'},
            el('tr', {}, ['Entity', 'Target', 'Status', 'Records', 'Deletions', 'Errors', 'Error']
                .map(h => el('th', {}, h))),
            (run.entities || []).map(e => el('tr', {},
                el('td', {}, e.entity), el('td', {}, e.targetDatabase), el('td', {class: 'state-' + e.status},
                    e.status), el('td', {}, String(e.records)), el('td', {}, String(e.deletions)),
                el('td', {}, String(e.errors)), el('td', {class: 'error'}, e.error || '')))),
        progress);
    if (run.status === 'running') {
        await watchRun(id, progress);
    }
});

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
