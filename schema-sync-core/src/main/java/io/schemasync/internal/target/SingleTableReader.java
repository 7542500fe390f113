package io.schemasync.internal.target;

import java.util.List;

/**
 * Reads a single-table file: a mapping with {@code table:} (the table's name), {@code columns} and
 * {@code indexes}, the format of the original design. Every table property of the full document
 * format is accepted too, as is {@code identifiers:}.
 */
final class SingleTableReader {
  private SingleTableReader() {}

  /** Whether a file's top-level mapping is a single table rather than a schema document. */
  static boolean isSingleTable(LocatedNode root) {
    return root instanceof LocatedNode.MapNode map && map.fields().containsKey("table");
  }

  static SchemaPart read(LocatedNode root, Problems problems) {
    SchemaPart part = SchemaPart.empty();
    IdentifierRules rules = SchemaDocumentReader.identifierRules(root, problems);
    DeclaredTable table =
        TableReader.read(
            root, 0, "table", List.of("identifiers"), rules, part.sourceMap(), problems);
    if (table != null) {
      part.tables().add(table);
    }
    return part;
  }
}
