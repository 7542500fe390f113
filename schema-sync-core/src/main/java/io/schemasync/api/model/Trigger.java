package io.schemasync.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A trigger on its table.
 *
 * @param updateOf the columns an {@code UPDATE OF} trigger watches, empty for any update
 * @param when the trigger's condition, null when it always fires
 * @param body the action as the dialect writes it: SQLite's statements between {@code BEGIN} and
 *     {@code END}, PostgreSQL's {@code EXECUTE FUNCTION f()}
 */
public record Trigger(
    String name,
    TriggerTiming timing,
    List<TriggerEvent> events,
    List<String> updateOf,
    boolean forEachRow,
    String when,
    String body) {

  public Trigger {
    ModelSupport.name(name, "trigger");
    Objects.requireNonNull(timing, "trigger timing");
    events = ModelSupport.copy(events).stream().sorted().toList();
    if (events.isEmpty()) {
      throw new IllegalArgumentException("trigger " + name + " has no event");
    }
    updateOf = ModelSupport.copy(updateOf);
    when = ModelSupport.blankToNull(when);
    Objects.requireNonNull(body, "trigger body");
  }
}
