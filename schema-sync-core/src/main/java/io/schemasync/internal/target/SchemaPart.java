package io.schemasync.internal.target;

import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.List;

/** What one schema file declares, before it is merged with the other files of a directory. */
record SchemaPart(
    List<DeclaredTable> tables,
    List<Located<View>> views,
    List<Located<Routine>> routines,
    List<Located<EnumType>> enums,
    List<Located<DomainType>> domains,
    List<Located<Sequence>> sequences,
    List<Located<String>> extensions,
    SourceMap sourceMap) {

  /** An empty part to fill while reading a file. */
  static SchemaPart empty() {
    return new SchemaPart(
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new SourceMap());
  }
}
