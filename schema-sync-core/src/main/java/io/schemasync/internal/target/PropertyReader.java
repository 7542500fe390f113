package io.schemasync.internal.target;

import io.schemasync.api.SourceLocation;
import io.schemasync.internal.SafeText;
import io.schemasync.internal.target.LocatedNode.Field;
import io.schemasync.internal.target.LocatedNode.ListNode;
import io.schemasync.internal.target.LocatedNode.MapNode;
import io.schemasync.internal.target.LocatedNode.Scalar;
import io.schemasync.internal.target.LocatedNode.ScalarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed, located access to the properties of one mapping of a schema document (a table, a column,
 * ...). Every wrong kind, missing or unknown property becomes a {@link Problems} entry at the
 * offending line; the getters then return null or a default so reading can go on and find the next
 * mistake too.
 */
final class PropertyReader {
  private final MapNode node;
  private final String what;
  private final String path;
  private final Problems problems;

  private PropertyReader(MapNode node, String what, String path, Problems problems) {
    this.node = node;
    this.what = what;
    // Paths embed names as written; a hostile one must not smuggle terminal escapes into messages.
    this.path = SafeText.escapeControls(path);
    this.problems = problems;
  }

  /**
   * A reader for {@code node}, or null (with a problem recorded) when it is not a mapping.
   *
   * @param what the object as named in messages, e.g. {@code column users.email}
   * @param path the object path of locations, e.g. {@code tables.users.columns.email}
   */
  static PropertyReader of(LocatedNode node, String what, String path, Problems problems) {
    if (node instanceof MapNode map) {
      return new PropertyReader(map, what, path, problems);
    }
    problems.add(node.at(path), what + " must be a mapping of properties, not " + node.kindName());
    return null;
  }

  String what() {
    return what;
  }

  String path() {
    return path;
  }

  Problems problems() {
    return problems;
  }

  /** Where the object starts. */
  SourceLocation location() {
    return node.at(path);
  }

  /** Where the property's value is, or the object itself when the property is absent. */
  SourceLocation location(String key) {
    Field field = node.fields().get(key);
    return field == null ? location() : field.value().at(child(key));
  }

  /** The object path of one of this object's properties. */
  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Reports every property not in {@code allowed}, listing the allowed ones. */
  void allowOnly(List<String> allowed) {
    for (Field field : node.fields().values()) {
      if (!allowed.contains(field.key())) {
        problems.add(
            field.keyPosition().at(path),
            "unknown property '"
                + IdentifierRules.show(field.key())
                + "' in "
                + what
                + "; expected one of "
                + String.join(", ", allowed));
      }
    }
  }

  boolean has(String key) {
    return value(key) != null;
  }

  /** The property's value, null when absent or written as null. */
  LocatedNode value(String key) {
    Field field = node.fields().get(key);
    if (field == null || field.value() instanceof Scalar s && s.isNull()) {
      return null;
    }
    return field.value();
  }

  /**
   * A text property; null when absent. Numbers and booleans are refused: this is a name or type.
   */
  String string(String key) {
    LocatedNode value = value(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Scalar s && s.kind() == ScalarKind.TEXT) {
      return s.text();
    }
    wrongKind(key, value, "text");
    return null;
  }

  /** A text property that must be there. */
  String requiredString(String key) {
    if (!has(key)) {
      problems.add(location(), "missing '" + key + "' in " + what);
      return null;
    }
    return string(key);
  }

  /**
   * A property holding SQL or prose: any scalar, as written ({@code default: 0} is {@code 0},
   * {@code default: true} is {@code true}).
   */
  String text(String key) {
    LocatedNode value = value(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Scalar s) {
      return s.text();
    }
    wrongKind(key, value, "text");
    return null;
  }

  boolean bool(String key, boolean defaultValue) {
    LocatedNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Scalar s && s.kind() == ScalarKind.BOOLEAN) {
      return Boolean.parseBoolean(s.text());
    }
    wrongKind(key, value, "true or false");
    return defaultValue;
  }

  /** A whole number property; null when absent. */
  Long integer(String key) {
    LocatedNode value = value(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Scalar s && s.kind() == ScalarKind.NUMBER) {
      try {
        return Long.parseLong(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        problems.add(
            value.at(child(key)),
            "'"
                + key
                + "' of "
                + what
                + " must be a whole number that fits in 64 bits, not "
                + s.text());
        return null;
      }
    }
    wrongKind(key, value, "a whole number");
    return null;
  }

  /** A list property's elements; empty when absent. */
  List<LocatedNode> list(String key) {
    LocatedNode value = value(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof ListNode list) {
      return list.elements();
    }
    wrongKind(key, value, "a list");
    return List.of();
  }

  /** A list of names ({@code columns: [a, b]}); empty when absent or wrong. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (LocatedNode element : list(key)) {
      if (element instanceof Scalar s && s.kind() == ScalarKind.TEXT) {
        out.add(s.text());
      } else {
        problems.add(
            element.at(child(key)),
            "'" + key + "' of " + what + " must list names (text), not " + element.kindName());
      }
    }
    return out;
  }

  /** A nested mapping's reader; null when absent or not a mapping. */
  PropertyReader object(String key, String nestedWhat) {
    LocatedNode value = value(key);
    return value == null ? null : of(value, nestedWhat, child(key), problems);
  }

  /** One of a closed set of words ({@code identity: always}); null when absent or unknown. */
  <T> T choice(String key, Map<String, T> options) {
    String word = string(key);
    if (word == null) {
      return null;
    }
    T chosen = options.get(word);
    if (chosen == null) {
      problems.add(
          location(key),
          "'"
              + key
              + "' of "
              + what
              + " is '"
              + IdentifierRules.show(word)
              + "'; expected one of "
              + String.join(", ", options.keySet()));
    }
    return chosen;
  }

  /**
   * Reads a name and checks it against the document's identifier rules; returns it even when it
   * breaks them (the problem is recorded) so the rest of the object is still checked.
   */
  String name(String key, String kind, IdentifierRules rules) {
    String name = requiredString(key);
    if (name != null) {
      rules
          .check(name)
          .ifPresent(
              why ->
                  problems.add(
                      location(key), kind + " name '" + IdentifierRules.show(name) + "' " + why));
    }
    return name;
  }

  private void wrongKind(String key, LocatedNode value, String expected) {
    problems.add(
        value.at(child(key)),
        "'" + key + "' of " + what + " must be " + expected + ", not " + value.kindName());
  }
}
