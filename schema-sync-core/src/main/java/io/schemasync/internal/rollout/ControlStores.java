package io.schemasync.internal.rollout;

import io.schemasync.api.NoSuchAdapterException;
import io.schemasync.internal.JdbcUrls;
import io.schemasync.spi.ControlStore;
import io.schemasync.spi.ControlStoreProvider;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the control store provider for a URL among those registered with {@link ServiceLoader}:
 * exactly one must accept it, otherwise the error lists every provider found.
 */
public final class ControlStores {
  /** Where the CLI keeps its control store when none is given: a file in the working directory. */
  public static final String DEFAULT_URL = "jdbc:sqlite:./.schema-sync/control.db";

  private ControlStores() {}

  public static List<ControlStoreProvider> providers() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ControlStores.class.getClassLoader();
    }
    return ServiceLoader.load(ControlStoreProvider.class, loader).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(ControlStoreProvider::name))
        .toList();
  }

  /** Opens the store the URL names. */
  public static ControlStore open(String url, String user, String password) {
    List<ControlStoreProvider> all = providers();
    List<ControlStoreProvider> accepting = all.stream().filter(p -> p.acceptsUrl(url)).toList();
    if (accepting.size() != 1) {
      List<String> names = all.stream().map(p -> "control store " + p.name()).toList();
      throw new NoSuchAdapterException(
          "the control store URL "
              + JdbcUrls.mask(url)
              + " (use jdbc:sqlite:FILE on one machine, jdbc:postgresql://... for several)",
          names,
          !accepting.isEmpty());
    }
    return accepting.get(0).open(url, user, password);
  }
}
