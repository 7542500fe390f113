package io.schemasync.internal.target;

import io.schemasync.api.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML/JSON value that remembers where it was written. A plain Jackson tree loses positions, and
 * every error about a target has to name its file and line.
 */
sealed interface LocatedNode permits LocatedNode.Scalar, LocatedNode.MapNode, LocatedNode.ListNode {

  /** Where the value starts. */
  Position position();

  /** How the value's kind is named in messages ("text", "a list", ...). */
  String kindName();

  /** The position as a source location of the given object. */
  default SourceLocation at(String objectPath) {
    return position().at(objectPath);
  }

  /** A file position, 1-based. */
  record Position(String file, int line, int column) {
    SourceLocation at(String objectPath) {
      return new SourceLocation(file, line, column, objectPath);
    }
  }

  /** What a scalar was written as; YAML {@code 'true'} is text, {@code true} is a boolean. */
  enum ScalarKind {
    TEXT("text"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    NULL("null");

    private final String displayName;

    ScalarKind(String displayName) {
      this.displayName = displayName;
    }
  }

  /**
   * A leaf value; {@code text} is the value as written (booleans as {@code true}/{@code false}).
   */
  record Scalar(Position position, ScalarKind kind, String text) implements LocatedNode {
    @Override
    public String kindName() {
      return kind.displayName;
    }

    boolean isNull() {
      return kind == ScalarKind.NULL;
    }
  }

  /** One {@code key: value} entry of a mapping, with the key's own position. */
  record Field(String key, Position keyPosition, LocatedNode value) {}

  /** A mapping in document order; keys are unique (duplicates are reported while reading). */
  record MapNode(Position position, Map<String, Field> fields) implements LocatedNode {
    public MapNode {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String kindName() {
      return "a mapping";
    }
  }

  /** A sequence in document order. */
  record ListNode(Position position, List<LocatedNode> elements) implements LocatedNode {
    public ListNode {
      elements = List.copyOf(elements);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }
}
