package io.schemasync.internal;

import io.schemasync.api.NoSuchAdapterException;
import io.schemasync.api.UnableToConnectException;
import io.schemasync.spi.AdapterProvider;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.DatabaseAdapter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * Finds the adapter provider for a URL or data source among those registered with {@link
 * ServiceLoader}. Selection is deterministic: exactly one provider must accept, otherwise the error
 * lists every provider found. A {@link java.util.ServiceConfigurationError} is never swallowed.
 */
public final class Adapters {
  private Adapters() {}

  /** Every provider on the class path of this class's loader, in name order. */
  public static List<AdapterProvider> providers() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Adapters.class.getClassLoader();
    }
    return ServiceLoader.load(AdapterProvider.class, loader).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(java.util.Comparator.comparing(AdapterProvider::name))
        .toList();
  }

  public static DatabaseAdapter open(ConnectionSettings settings, String adapterName) {
    AdapterProvider provider =
        adapterName != null
            ? byName(adapterName)
            : pick(
                providers().stream().filter(p -> p.acceptsUrl(settings.url())).toList(),
                "URL " + settings.maskedUrl());
    return provider.open(settings);
  }

  public static DatabaseAdapter open(DataSource dataSource, String adapterName) {
    if (adapterName != null) {
      return byName(adapterName).open(dataSource);
    }
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new UnableToConnectException(null, "cannot open a connection from the data source", e);
    }
    return pick(
            providers().stream().filter(p -> p.acceptsProduct(product)).toList(),
            "database product '" + product + "'")
        .open(dataSource);
  }

  private static AdapterProvider byName(String name) {
    return pick(
        providers().stream().filter(p -> p.name().equals(name)).toList(), "name '" + name + "'");
  }

  private static AdapterProvider pick(List<AdapterProvider> matching, String what) {
    if (matching.size() == 1) {
      return matching.get(0);
    }
    List<String> names = providers().stream().map(AdapterProvider::name).toList();
    throw new NoSuchAdapterException(what, names, matching.size() > 1);
  }
}
