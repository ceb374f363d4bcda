// Tributary web console: the entities of a data source, each a collapsible list of the columns (fields) its connector declares. Loaded after console.js, whose helpers (api, el) it uses.
'use strict';

/** Rows for declared fields: nested fields as address.city, the fields of an array's object elements as items[].price. */
function fieldRows(fields, prefix) {
    return fields.flatMap(field => {
        const path = prefix + field.name;
        return [el('tr', {'data-field': path},
            el('td', {}, el('code', {}, path)),
            el('td', {}, field.type + (field.format === 'default' ? '' : ' (' + field.format + ')')),
            el('td', {}, field.nullable ? 'yes' : 'no'),
            el('td', {}, field.description))]
            .concat(fieldRows(field.fields, path + '.'), fieldRows(field.elementFields, path + '[].'));
    });
}

/** Fills the container with the data source's entities and their declared fields; a failure shows as a message. */
async function showEntities(container, source) {
    container.replaceChildren(el('h3', {}, 'Entities'), el('p', {}, 'Loading…'));
    try {
        const {entities} = await api('GET', '/api/sources/' + encodeURIComponent(source) + '/entities');
        container.replaceChildren(el('h3', {}, 'Entities'), el('div', {}, entities.map(entity =>
            el('details', {class: 'entity-schema', 'data-entity': entity.name},
                el('summary', {}, entity.name + ' · ' + (entity.schemaDeclared
                    ? entity.fields.length + ' declared fields' : 'no schema declared')),
                entity.schemaDeclared ? el('table', {},
                    el('tr', {}, ['Field', 'Type', 'Nullable', 'Description'].map(h => el('th', {}, h))),
                    fieldRows(entity.fields, '')) : null))));
    } catch (failure) {
        container.replaceChildren(el('h3', {}, 'Entities'), el('p', {class: 'error', role: 'alert'}, failure.message));
    }
}
