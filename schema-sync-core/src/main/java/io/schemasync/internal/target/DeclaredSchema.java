package io.schemasync.internal.target;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.SchemaSnapshot;

/**
 * A schema as its files declare it: types still as written ({@code varchar(255)}), the renames it
 * asks for, and where every object was written.
 */
record DeclaredSchema(SchemaSnapshot snapshot, RenameHints renames, SourceMap sourceMap) {}
