package io.schemasync.postgres;

import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a trigger from {@code pg_trigger.tgtype} and the text of {@code pg_get_triggerdef}: the
 * bits give timing, events and level; the text gives the WHEN condition and the EXECUTE clause.
 */
final class TriggerDefinition {
  private static final int ROW = 1;
  private static final int BEFORE = 2;
  private static final int INSERT = 4;
  private static final int DELETE = 8;
  private static final int UPDATE = 16;
  private static final int TRUNCATE = 32;
  private static final int INSTEAD = 64;

  private TriggerDefinition() {}

  static Trigger parse(String name, int type, String definition, List<String> updateOf) {
    TriggerTiming timing =
        (type & INSTEAD) != 0
            ? TriggerTiming.INSTEAD_OF
            : (type & BEFORE) != 0 ? TriggerTiming.BEFORE : TriggerTiming.AFTER;
    List<TriggerEvent> events = new ArrayList<>();
    if ((type & INSERT) != 0) {
      events.add(TriggerEvent.INSERT);
    }
    if ((type & UPDATE) != 0) {
      events.add(TriggerEvent.UPDATE);
    }
    if ((type & DELETE) != 0) {
      events.add(TriggerEvent.DELETE);
    }
    if ((type & TRUNCATE) != 0) {
      events.add(TriggerEvent.TRUNCATE);
    }
    boolean row = (type & ROW) != 0;
    String level = row ? "FOR EACH ROW " : "FOR EACH STATEMENT ";
    int at = SqlText.indexOutsideQuotes(definition, level, 0);
    String rest = at < 0 ? definition : definition.substring(at + level.length());
    String when = null;
    if (rest.startsWith("WHEN (")) {
      int close = SqlText.matchingParen(rest, "WHEN ".length());
      when = rest.substring("WHEN (".length(), close);
      rest = rest.substring(close + 1).trim();
    }
    return new Trigger(name, timing, events, updateOf, row, when, rest.trim());
  }
}
