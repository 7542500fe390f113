package io.schemasync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An exclusion constraint (PostgreSQL {@code EXCLUDE USING gist (room WITH =, during WITH &&)}): no
 * two rows may have values for which every element's operator returns true. {@code name} is null
 * only in a target that leaves the name to the engine.
 *
 * @param method the index access method (e.g. {@code gist}), null for the default btree
 * @param where the predicate of a partial constraint, null when it covers every row
 */
public record ExclusionConstraint(
    String name,
    String method,
    List<ExclusionElement> elements,
    String where,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deferrable)
    implements Constraint {

  public ExclusionConstraint {
    name = ModelSupport.blankToNull(name);
    method = ModelSupport.blankToNull(method);
    elements = ModelSupport.copy(elements);
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("exclusion constraint " + name + " has no elements");
    }
    where = ModelSupport.blankToNull(where);
  }

  /** The same constraint under another name. */
  public ExclusionConstraint withName(String newName) {
    return new ExclusionConstraint(newName, method, elements, where, deferrable);
  }

  /** The same constraint over other elements, e.g. after a column rename. */
  public ExclusionConstraint withElements(List<ExclusionElement> newElements) {
    return new ExclusionConstraint(name, method, newElements, where, deferrable);
  }

  /** The same constraint with another access method (null for the default btree). */
  public ExclusionConstraint withMethod(String newMethod) {
    return new ExclusionConstraint(name, newMethod, elements, where, deferrable);
  }

  @Override
  public String key() {
    if (name != null) {
      return name;
    }
    StringBuilder out = new StringBuilder("exclude(");
    for (int i = 0; i < elements.size(); i++) {
      ExclusionElement e = elements.get(i);
      out.append(i == 0 ? "" : ", ")
          .append(e.column() != null ? e.column() : "(" + e.expression() + ")")
          .append(" WITH ")
          .append(e.operator());
    }
    return out.append(')').toString();
  }

  /** The plain columns of the elements (expressions left out). */
  @Override
  public List<String> columns() {
    return elements.stream()
        .map(ExclusionElement::column)
        .filter(java.util.Objects::nonNull)
        .toList();
  }
}
