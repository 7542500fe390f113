package io.schemasync.internal.target;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.SchemaSnapshot;

/**
 * A target ready to diff against: types mapped to the adapter's dialect and normalized like
 * inspector output, with the renames it declares.
 */
public record ResolvedTarget(SchemaSnapshot snapshot, RenameHints renames, String description) {}
