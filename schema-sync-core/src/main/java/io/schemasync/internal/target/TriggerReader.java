package io.schemasync.internal.target;

import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.internal.target.LocatedNode.Scalar;
import io.schemasync.internal.target.LocatedNode.ScalarKind;
import java.util.ArrayList;
import java.util.List;

/** Reads one entry of a table's {@code triggers}. */
final class TriggerReader {
  static final List<String> KEYS =
      List.of("name", "timing", "events", "updateOf", "forEachRow", "when", "body");

  private TriggerReader() {}

  /** The trigger, or null when it is too broken to build (problem recorded). */
  static Located<Trigger> read(
      LocatedNode node, String table, int position, IdentifierRules rules, Problems problems) {
    PropertyReader r =
        PropertyReader.of(
            node,
            "trigger " + (position + 1) + " of table " + IdentifierRules.show(table),
            "tables." + table + ".triggers[" + position + "]",
            problems);
    if (r == null) {
      return null;
    }
    String name = r.name("name", "trigger", rules);
    if (name != null) {
      r =
          PropertyReader.of(
              node,
              "trigger " + IdentifierRules.show(name) + " of table " + IdentifierRules.show(table),
              "tables." + table + ".triggers." + name,
              problems);
    }
    r.allowOnly(KEYS);
    if (!r.has("timing")) {
      problems.add(
          r.location(),
          "missing 'timing' in " + r.what() + "; expected before, after or instead-of");
    }
    TriggerTiming timing = r.choice("timing", Vocabulary.TIMING);
    List<TriggerEvent> events = events(r);
    List<String> updateOf = r.strings("updateOf");
    if (!updateOf.isEmpty() && !events.contains(TriggerEvent.UPDATE)) {
      problems.add(r.location("updateOf"), "'updateOf' of " + r.what() + " needs the update event");
    }
    boolean forEachRow = r.bool("forEachRow", true);
    String when = r.text("when");
    String body = r.requiredString("body");
    if (name == null || timing == null || events.isEmpty() || body == null) {
      return null;
    }
    Trigger trigger =
        problems.build(
            r.location(),
            () -> new Trigger(name, timing, events, updateOf, forEachRow, when, body));
    return trigger == null ? null : new Located<>(trigger, r.location());
  }

  private static List<TriggerEvent> events(PropertyReader r) {
    if (!r.has("events")) {
      r.problems()
          .add(
              r.location(),
              "missing 'events' in "
                  + r.what()
                  + "; list some of insert, update, delete, truncate");
      return List.of();
    }
    if (r.list("events").isEmpty()) {
      if (r.value("events") instanceof LocatedNode.ListNode) {
        r.problems()
            .add(
                r.location("events"),
                "'events' of "
                    + r.what()
                    + " is empty; list some of insert, update, delete, truncate");
      }
      return List.of();
    }
    List<TriggerEvent> events = new ArrayList<>();
    for (LocatedNode element : r.list("events")) {
      TriggerEvent event =
          element instanceof Scalar s && s.kind() == ScalarKind.TEXT
              ? Vocabulary.EVENTS.get(s.text())
              : null;
      if (event == null) {
        r.problems()
            .add(
                element.at(r.path() + ".events"),
                "unknown event in " + r.what() + "; expected insert, update, delete or truncate");
      } else if (events.contains(event)) {
        r.problems()
            .add(
                element.at(r.path() + ".events"),
                "event " + Vocabulary.word(event) + " is listed twice in " + r.what());
      } else {
        events.add(event);
      }
    }
    return events;
  }
}
