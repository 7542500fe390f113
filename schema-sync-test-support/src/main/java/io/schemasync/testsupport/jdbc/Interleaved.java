package io.schemasync.testsupport.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection that runs something of the test's just before it prepares a query containing a given
 * text: how a test makes another session's DDL land between two of a reader's queries.
 */
public final class Interleaved {
  private Interleaved() {}

  /** What runs before each matching query is prepared. */
  @FunctionalInterface
  public interface Action {
    void run() throws SQLException;
  }

  /**
   * {@code connection}, running {@code action} each time before it prepares a statement whose SQL
   * contains {@code text}; everything else goes straight to {@code connection}.
   */
  public static Connection beforeQuery(Connection connection, String text, Action action) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("prepareStatement")
                  && args[0].toString().contains(text)) {
                action.run();
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
