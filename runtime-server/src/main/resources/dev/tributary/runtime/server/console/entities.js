// Tributary web console: the entities of a data source, each a collapsible list of the fields its connector declares and the columns of its tables in each target database. Loaded after console.js, whose helpers (api, el) it uses.
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

/** Rows for a table's columns: key columns first (marked "key"), then the data columns in the order they were added. */
function columnRows(table) {
    return table.keyColumns.map(column => [column, true]).concat(table.columns.map(column => [column, false]))
        .map(([column, key]) => el('tr', {'data-column': column.name},
            el('td', {}, el('code', {}, column.name), key ? ' (key)' : ''),
            el('td', {}, column.type),
            el('td', {}, column.sourcePath ? el('code', {}, column.sourcePath) : '–')));
}

/** One table's columns under a caption naming it. */
function columnTable(caption, table) {
    return el('table', {class: 'entity-columns', 'data-table': table.name},
        el('caption', {}, caption),
        el('tr', {}, ['Column', 'Type', 'Source path'].map(h => el('th', {}, h))),
        columnRows(table));
}

/** The entity's tables in one target database: its typed table and child tables, none yet, or why not readable. */
function targetTables(target) {
    if (target.error) {
        return el('p', {class: 'error'}, 'Tables in ' + target.targetDatabase + ' could not be read: ' + target.error);
    }
    if (!target.table) {
        return el('p', {class: 'no-table'}, 'No typed table in ' + target.targetDatabase
            + ' yet (not synced, or the destination stores records as _record JSON only).');
    }
    return el('div', {class: 'target-tables', 'data-target': target.targetDatabase},
        columnTable('Table ' + target.table.name + ' in ' + target.targetDatabase, target.table),
        target.table.children.map(child => columnTable('Child table ' + child.name, child)));
}

/**
 * Fills the container with the data source's entities, each with its declared fields and the columns of its tables
 * in every target database; a failure shows as a message.
 */
async function showEntities(container, source) {
    container.replaceChildren(el('h3', {}, 'Entities'), el('p', {}, 'Loading…'));
    try {
        const {entities} = await api('GET', '/api/sources/' + encodeURIComponent(source) + '/schema');
        container.replaceChildren(el('h3', {}, 'Entities'), el('div', {}, entities.map(entity =>
            el('details', {class: 'entity-schema', 'data-entity': entity.name},
                el('summary', {}, entity.name + ' · ' + (entity.schemaDeclared
                    ? entity.fields.length + ' declared fields' : 'no schema declared')
                    + ' · ' + entity.tables.filter(t => t.table).map(t => t.table.columns.length + ' columns')
                        .concat(entity.tables.some(t => t.table) ? [] : ['no typed table']).join(', ')),
                entity.schemaDeclared ? el('table', {},
                    el('tr', {}, ['Field', 'Type', 'Nullable', 'Description'].map(h => el('th', {}, h))),
                    fieldRows(entity.fields, '')) : null,
                entity.tables.map(targetTables)))));
    } catch (failure) {
        container.replaceChildren(el('h3', {}, 'Entities'), el('p', {class: 'error', role: 'alert'}, failure.message));
    }
}
