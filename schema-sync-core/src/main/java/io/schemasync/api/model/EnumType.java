package io.schemasync.api.model;

import java.util.HashSet;
import java.util.List;

/** A named enumerated type; the order of its values is significant. */
public record EnumType(String name, List<String> values) {
  public EnumType {
    ModelSupport.name(name, "enum type");
    values = ModelSupport.copy(values);
    if (values.isEmpty() || new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(
          "enum type " + name + " needs at least one value and no duplicates: " + values);
    }
  }
}
