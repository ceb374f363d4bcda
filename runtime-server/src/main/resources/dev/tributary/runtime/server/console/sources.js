// Tributary web console: data sources (list, generated form, test, sync with live progress, history). Loaded after console.js, whose helpers (api, el, show, view) it uses.
'use strict';

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

/** Fills the container with the source's webhook URL path and its deliveries (totals and per day, from the run history), when it takes webhooks. */
async function showWebhooks(container, source) {
    try {
        const hooks = await api('GET', '/api/sources/' + encodeURIComponent(source) + '/webhooks');
        if (!hooks.enabled) {
            return;
        }
        const a = hooks.activity;
        container.replaceChildren(el('h3', {}, 'Webhooks'),
            el('p', {}, 'Register POST ', el('code', {}, location.origin + hooks.path), ' with the source. ',
                hooks.howToRegister),
            el('p', {id: 'webhook-activity'}, a.applied + ' applied, ' + a.duplicates + ' duplicates, ' + a.ignored
                + ' ignored, ' + a.refused + ' refused in all · last event ' + (a.lastEventTime || 'none yet')),
            hooks.days.length === 0 ? null : el('table', {id: 'webhook-days'},
                el('tr', {}, ['Day (UTC)', 'Applied', 'Duplicates', 'Ignored', 'Refused', 'Last event']
                    .map(h => el('th', {}, h))),
                hooks.days.map(day => el('tr', {'data-day': day.day},
                    [day.day, day.applied, day.duplicates, day.ignored, day.refused, day.lastEventTime || '–']
                        .map(cell => el('td', {}, cell))))));
    } catch (failure) {
        container.replaceChildren(el('h3', {}, 'Webhooks'), el('p', {class: 'error', role: 'alert'}, failure.message));
    }
}

view(/^#\/sources\/([^/]+)$/, async name => {
    const source = await api('GET', '/api/sources/' + encodeURIComponent(name));
    const path = '/api/sources/' + encodeURIComponent(name);
    const testResult = el('p', {id: 'test-result', role: 'status'});
    const progress = el('section', {id: 'sync-progress'});
    const history = el('section', {id: 'history'});
    const entities = el('section', {id: 'entities'});
    const webhooks = el('section', {id: 'webhooks'});
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
        testResult, progress, history, webhooks, entities);
    showWebhooks(webhooks, name);
    showEntities(entities, name);
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
