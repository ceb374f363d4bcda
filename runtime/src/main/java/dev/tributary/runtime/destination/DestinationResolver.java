package dev.tributary.runtime.destination;

import dev.tributary.runtime.sync.SyncMetrics;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Opens a destination from its URL: {@code jdbc:sqlite:} and {@code jdbc:postgresql:} with the built-in JDBC
 * destination, anything else with the one {@link DestinationProvider} that accepts it — found on the given class
 * loader, registered by an embedder, or loaded from a plugin. A URL no provider accepts fails with a message naming
 * every installed URL form; a URL two providers accept fails naming both, whatever order they were found in. Every
 * call into a provider runs with the thread context class loader set to the provider's own class loader (plugin
 * providers come wrapped so that their destinations and writers do too). Thread-safe.
 */
public final class DestinationResolver {

    private static final Comparator<PluggedDestination> BY_CLASS_NAME =
            Comparator.comparing(PluggedDestination::providerClass);

    private final ClassLoader providers;
    private final Supplier<List<PluggedDestination>> others;
    private final UnaryOperator<String> environment;
    private final Optional<SyncMetrics> metrics;

    /**
     * @param providers where {@link DestinationProvider} services are looked up
     * @param environment reads environment variables such as {@code PGPASSWORD}; returns null when unset
     */
    public DestinationResolver(ClassLoader providers, UnaryOperator<String> environment) {
        this(providers, List::of, environment);
    }

    /**
     * @param providers where {@link DestinationProvider} services are looked up
     * @param others further providers, asked for on every use: those of the loaded plugins and those an embedder
     *     registered
     * @param environment reads environment variables such as {@code PGPASSWORD}; returns null when unset
     */
    public DestinationResolver(ClassLoader providers, Supplier<List<PluggedDestination>> others,
            UnaryOperator<String> environment) {
        this(providers, others, environment, Optional.empty());
    }

    private DestinationResolver(ClassLoader providers, Supplier<List<PluggedDestination>> others,
            UnaryOperator<String> environment, Optional<SyncMetrics> metrics) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.others = Objects.requireNonNull(others, "others");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** This resolver reading environment variables (such as {@code PGPASSWORD}) through {@code variables}. */
    public DestinationResolver withEnvironment(UnaryOperator<String> variables) {
        return new DestinationResolver(providers, others, variables, metrics);
    }

    /**
     * This resolver opening destinations whose writers time every transaction into {@code value}, labelled with the
     * destination kind ({@code sqlite}, {@code postgresql} or a plugin destination's id).
     */
    public DestinationResolver withMetrics(SyncMetrics value) {
        return new DestinationResolver(providers, others, environment, Optional.of(value));
    }

    /** Every installed kind of destination: the built-in JDBC one first, then the others by provider class name. */
    public List<InstalledDestination> installed() {
        List<InstalledDestination> installed = new ArrayList<>();
        installed.add(new InstalledDestination(JdbcDestinationProvider.METADATA,
                JdbcDestinationProvider.class.getName(), true));
        for (PluggedDestination plugged : pluggedIn()) {
            DestinationProvider provider = plugged.provider();
            installed.add(new InstalledDestination(withProviderLoader(provider, provider::metadata),
                    plugged.providerClass(), false, plugged.plugin()));
        }
        return List.copyOf(installed);
    }

    /**
     * Opens the destination and checks it is reachable.
     *
     * @param schema the schema to write into, overriding the URL's {@code schema} parameter
     * @throws IllegalArgumentException when the URL is malformed, no destination accepts it or two do
     * @throws dev.tributary.spi.destination.DestinationException when the destination cannot be reached
     */
    public Destination open(String url, Optional<String> schema) {
        Objects.requireNonNull(url, "url");
        if (DestinationUrl.isJdbc(url)) {
            DestinationUrl parsed = DestinationUrl.parse(url, schema, environment);
            return timed(JdbcDestination.open(parsed, Clock.systemUTC()),
                    parsed.dialect().name().toLowerCase(Locale.ROOT));
        }
        List<PluggedDestination> candidates = pluggedIn().stream()
                .filter(plugged -> withProviderLoader(plugged.provider(), () -> plugged.provider().accepts(url)))
                .toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("unsupported destination URL scheme '" + scheme(url)
                    + "': no installed destination accepts it; installed URL forms: " + installedForms());
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException("destination URL scheme '" + scheme(url) + "' is accepted by "
                    + candidates.size() + " installed destinations: "
                    + candidates.stream().map(this::describe).collect(Collectors.joining(", "))
                    + "; remove all but one of them");
        }
        PluggedDestination chosen = candidates.get(0);
        DestinationProvider provider = chosen.provider();
        if (schema.isPresent()) {
            throw new IllegalArgumentException("--schema applies to PostgreSQL destinations; put the schema in the"
                    + " destination URL of " + describe(chosen));
        }
        String kind = withProviderLoader(provider, provider::metadata).id();
        return timed(withProviderLoader(provider, () -> provider.open(url, environment)), kind);
    }

    private Destination timed(Destination destination, String kind) {
        return metrics.<Destination>map(recorder -> new TimedDestination(destination, kind, recorder))
                .orElse(destination);
    }

    private List<PluggedDestination> pluggedIn() {
        List<PluggedDestination> found = new ArrayList<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(providers);
        try {
            ServiceLoader.load(DestinationProvider.class, providers).stream().map(ServiceLoader.Provider::get)
                    .filter(provider -> !(provider instanceof JdbcDestinationProvider))
                    .map(PluggedDestination::of).forEach(found::add);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        found.addAll(others.get());
        found.sort(BY_CLASS_NAME);
        return found;
    }

    private String installedForms() {
        List<String> forms = new ArrayList<>();
        for (InstalledDestination destination : installed()) {
            if (destination.metadata().urlForms().isEmpty()) {
                forms.add("(" + destination.metadata().id() + ": no URL form declared)");
            } else {
                forms.addAll(destination.metadata().urlForms());
            }
        }
        return String.join(", ", forms);
    }

    private String describe(PluggedDestination plugged) {
        return "'" + withProviderLoader(plugged.provider(), plugged.provider()::metadata).id() + "' ("
                + plugged.providerClass() + plugged.plugin().map(plugin -> " in plugin " + plugin).orElse("") + ")";
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':', url.startsWith("jdbc:") ? 5 : 0);
        return colon < 0 ? "(none)" : url.substring(0, colon + 1);
    }

    private static <T> T withProviderLoader(DestinationProvider provider, Supplier<T> call) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(provider.getClass().getClassLoader());
        try {
            return call.get();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
