package io.schemasync.internal.target;

import io.schemasync.api.SourceLocation;

/** A declared object and where it was declared, so a second declaration can name the first. */
record Located<T>(T value, SourceLocation location) {}
