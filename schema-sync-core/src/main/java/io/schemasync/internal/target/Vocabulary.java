package io.schemasync.internal.target;

import io.schemasync.api.model.Identity;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Routine.RoutineKind;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The words a schema document uses for enumerated values, in the order messages list them. */
final class Vocabulary {
  static final Map<String, Identity> IDENTITY =
      ordered("always", Identity.ALWAYS, "by-default", Identity.BY_DEFAULT);

  static final Map<String, TriggerTiming> TIMING =
      ordered(
          "before", TriggerTiming.BEFORE,
          "after", TriggerTiming.AFTER,
          "instead-of", TriggerTiming.INSTEAD_OF);

  static final Map<String, TriggerEvent> EVENTS =
      ordered(
          "insert", TriggerEvent.INSERT,
          "update", TriggerEvent.UPDATE,
          "delete", TriggerEvent.DELETE,
          "truncate", TriggerEvent.TRUNCATE);

  static final Map<String, RoutineKind> ROUTINE_KIND =
      ordered("function", RoutineKind.FUNCTION, "procedure", RoutineKind.PROCEDURE);

  static final Map<String, PartitionBy.Strategy> PARTITION_STRATEGY =
      ordered(
          "range", PartitionBy.Strategy.RANGE,
          "list", PartitionBy.Strategy.LIST,
          "hash", PartitionBy.Strategy.HASH);

  static final Map<String, Boolean> ORDER_DESCENDING = ordered("asc", false, "desc", true);

  static final Map<String, Boolean> IDENTIFIERS_QUOTED = ordered("strict", false, "quoted", true);

  private Vocabulary() {}

  /**
   * A foreign key action, written like SQL ({@code set null}) or with a hyphen or underscore
   * ({@code set-null}); null when absent or unknown (then reported).
   */
  static ReferentialAction referentialAction(PropertyReader reader, String key) {
    String word = reader.string(key);
    if (word == null) {
      return null;
    }
    try {
      return ReferentialAction.parse(word.replace('-', ' '));
    } catch (IllegalArgumentException e) {
      reader
          .problems()
          .add(
              reader.location(key),
              "'"
                  + key
                  + "' of "
                  + reader.what()
                  + " is '"
                  + IdentifierRules.show(word)
                  + "'; expected one of cascade, restrict, set null, set default, no action");
      return null;
    }
  }

  /**
   * Lower-case word of an enum constant as documents spell it ({@code BY_DEFAULT} → by-default).
   */
  static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @SuppressWarnings("unchecked")
  private static <T> Map<String, T> ordered(Object... wordsAndValues) {
    Map<String, T> map = new LinkedHashMap<>();
    for (int i = 0; i < wordsAndValues.length; i += 2) {
      map.put((String) wordsAndValues[i], (T) wordsAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
