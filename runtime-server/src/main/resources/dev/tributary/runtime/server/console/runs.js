// Tributary web console: run history and one run. Loaded after console.js, whose helpers (api, el, show, view) it uses.
'use strict';

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
