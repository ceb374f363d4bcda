// Tributary web console: the connectors gallery with icons, the installed destinations and failed plugins. Loaded after console.js, whose helpers (api, el, show, view) it uses.
'use strict';

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
    const [{connectors}, {plugins}, {destinations}] = await Promise.all(
        [api('GET', '/api/connectors'), api('GET', '/api/plugins'), api('GET', '/api/destinations')]);
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
        el('section', {id: 'destinations'},
            el('h2', {}, 'Destinations'),
            el('table', {},
                el('tr', {}, el('th', {}, 'Destination'), el('th', {}, 'URL forms'), el('th', {}, 'Typed tables'),
                    el('th', {}, 'From')),
                destinations.map(destination =>
                    el('tr', {class: 'destination', 'data-destination': destination.id},
                        el('td', {}, destination.name + ' (' + destination.id + ')'),
                        el('td', {}, destination.urlForms.length === 0 ? '-' : destination.urlForms.join(', ')),
                        el('td', {}, destination.typedTables ? 'yes' : 'no'),
                        el('td', {}, destination.builtIn ? 'built in' : (destination.plugin || destination.provider)))))),
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
