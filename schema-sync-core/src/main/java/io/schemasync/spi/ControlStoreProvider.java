package io.schemasync.spi;

/**
 * Opens control stores of one kind; discovered with {@link java.util.ServiceLoader} from {@code
 * META-INF/services/io.schemasync.spi.ControlStoreProvider} and selected by URL, like {@link
 * AdapterProvider}. Must be cheap to instantiate.
 */
public interface ControlStoreProvider {
  /** A short, unique, lower-case name, e.g. {@code sqlite}. */
  String name();

  /** Whether this provider handles the control store URL. */
  boolean acceptsUrl(String url);

  /**
   * Opens the store, creating its tables when missing.
   *
   * @throws io.schemasync.api.UnableToConnectException when the store cannot be reached
   */
  ControlStore open(String url, String user, String password);
}
