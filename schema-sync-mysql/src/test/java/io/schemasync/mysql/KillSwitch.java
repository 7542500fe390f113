package io.schemasync.mysql;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source for worker processes of the fault tests that stops the process dead at one chosen
 * point of a run — before or after the n-th statement of a kind — and says so on stdout, so the
 * test can kill it exactly there. Every statement still goes to the real server; only the timing is
 * the test's.
 */
final class KillSwitch {
  /** The statements a run sends, told apart by their text. */
  enum Kind {
    /** A step's statement (it starts with the tenant's lock comment). */
    STEP,
    /** The journal row that says a step started. */
    JOURNAL_START,
    /** The journal update that says a step finished. */
    JOURNAL_END,
    /** The rollout's commit marker row. */
    MARKER,
    /** A transaction's commit (the journal end and the marker of a rollout's last step). */
    COMMIT;

    static Kind of(String sql) {
      String s = sql.stripLeading();
      if (s.startsWith("/* schema-sync:")) {
        return STEP;
      }
      String journal = MysqlNames.quote(MysqlNames.JOURNAL_TABLE);
      if (s.startsWith("INSERT INTO " + journal)) {
        return JOURNAL_START;
      }
      if (s.startsWith("UPDATE " + journal + " SET finished_at")) {
        return JOURNAL_END;
      }
      if (s.startsWith("INSERT INTO " + MysqlNames.quote(io.schemasync.spi.CommitMarker.TABLE))) {
        return MARKER;
      }
      return null;
    }
  }

  /**
   * Where to stop: {@code before} or {@code after} the {@code occurrence}-th statement of {@code
   * kind} this process sends (counting from 1, over every tenant).
   */
  record Point(boolean before, Kind kind, int occurrence) {
    /** Parses {@code before:step:3} / {@code after:journal_end:4}. */
    static Point parse(String text) {
      String[] p = text.split(":");
      return new Point(
          p[0].equals("before"),
          Kind.valueOf(p[1].toUpperCase(Locale.ROOT)),
          Integer.parseInt(p[2]));
    }

    @Override
    public String toString() {
      return (before ? "before" : "after")
          + ":"
          + kind.name().toLowerCase(Locale.ROOT)
          + ":"
          + occurrence;
    }
  }

  /** What the worker prints when it stops, for the test to wait for. */
  static final String REACHED = "KILL POINT REACHED";

  private final Point point;
  private final PrintStream out;
  private final AtomicInteger[] seen = new AtomicInteger[Kind.values().length];

  private KillSwitch(Point point, PrintStream out) {
    this.point = point;
    this.out = out;
    for (int i = 0; i < seen.length; i++) {
      seen[i] = new AtomicInteger();
    }
  }

  /** The data source, stopping the process at {@code point}. */
  static DataSource wrap(DataSource real, Point point, PrintStream out) {
    KillSwitch s = new KillSwitch(point, out);
    return s.proxy(DataSource.class, real, null);
  }

  @SuppressWarnings("unchecked")
  private <T> T proxy(Class<T> type, Object real, String sql) {
    InvocationHandler handler = (p, m, args) -> invoke(real, m, args, sql);
    return (T)
        Proxy.newProxyInstance(KillSwitch.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private Object invoke(Object real, Method m, Object[] args, String preparedSql) throws Throwable {
    String name = m.getName();
    Kind kind = null;
    if (real instanceof Connection && name.equals("commit")) {
      kind = Kind.COMMIT;
    } else if (real instanceof Statement && name.startsWith("execute")) {
      String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
      kind = sql == null ? null : Kind.of(sql);
    }
    boolean stopHere =
        kind == point.kind() && seen[kind.ordinal()].incrementAndGet() == point.occurrence();
    if (stopHere && point.before()) {
      stop();
    }
    Object result;
    try {
      result = m.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (stopHere) {
      stop();
    }
    if (result instanceof Connection c && name.equals("getConnection")) {
      return proxy(Connection.class, c, null);
    }
    if (result instanceof PreparedStatement ps && name.equals("prepareStatement")) {
      return proxy(PreparedStatement.class, ps, (String) args[0]);
    }
    if (result instanceof Statement st && name.equals("createStatement")) {
      return proxy(Statement.class, st, null);
    }
    return result;
  }

  /** Announces the point and waits to be killed; the process never goes past it. */
  private void stop() throws InterruptedException {
    out.println(REACHED + " " + point);
    out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
