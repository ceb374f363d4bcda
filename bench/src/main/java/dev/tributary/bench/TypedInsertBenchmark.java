package dev.tributary.bench;

import dev.tributary.runtime.destination.DestinationResolver;
import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Insert alone, typed against JSON only, into the same kind of destination in one run: the records of
 * {@link SampleRecords} (about 1 KB, 16 fields, a nested address), one batch per transaction, written once as the
 * engine writes typed tables (typed by the runtime's {@link EntityTyper} before timing each batch, so only the
 * destination is measured) and once as records without a typed form ({@code _record} only). Rounds alternate
 * between the two, each into a new file, and the medians are printed with their ratio.
 *
 * <p>Arguments: {@code --records N} (default 100,000), {@code --batch N} (default 100), {@code --rounds N}
 * (default 3), {@code --url-kind duckdb|sqlite} (default duckdb).
 */
public final class TypedInsertBenchmark {

    private static final EntityTable TABLE = new EntityTable("insert", "customers", List.of("id"), "bench");

    private TypedInsertBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        int records = 100_000;
        int batch = 100;
        int rounds = 3;
        String kind = "duckdb";
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            switch (arguments[i]) {
                case "--records" -> records = Integer.parseInt(arguments[i + 1]);
                case "--batch" -> batch = Integer.parseInt(arguments[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(arguments[i + 1]);
                case "--url-kind" -> kind = arguments[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + arguments[i]);
            }
        }
        Path directory = Files.createTempDirectory("tributary-typed-bench");
        List<Double> typed = new ArrayList<>();
        List<Double> blob = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            blob.add(run(url(kind, directory, "blob-" + round), records, batch, false));
            typed.add(run(url(kind, directory, "typed-" + round), records, batch, true));
            System.err.printf("round %d: JSON only %,.0f records/s, typed %,.0f records/s%n", round + 1,
                    blob.get(round), typed.get(round));
        }
        double typedMedian = median(typed);
        double blobMedian = median(blob);
        System.out.printf("%n%,d records of ~1 KB into %s, %d per batch, %d rounds (median records/s)%n%n", records,
                kind, batch, rounds);
        System.out.println("| write | records/s |");
        System.out.println("|---|---|");
        System.out.printf("| JSON only (`_record`) | %,.0f |%n", blobMedian);
        System.out.printf("| typed tables | %,.0f |%n", typedMedian);
        System.out.printf("%ntyped / JSON only: %.2f%n", typedMedian / blobMedian);
    }

    private static String url(String kind, Path directory, String name) {
        return switch (kind) {
            case "duckdb" -> "jdbc:duckdb:" + directory.resolve(name + ".duckdb");
            case "sqlite" -> "jdbc:sqlite:" + directory.resolve(name + ".db");
            default -> throw new IllegalArgumentException("--url-kind is duckdb or sqlite");
        };
    }

    /** Writes the records in batches and returns records per second of the writes alone. */
    private static double run(String url, int records, int perBatch, boolean typedTables) {
        try (Destination destination = new DestinationResolver(TypedInsertBenchmark.class.getClassLoader(),
                System::getenv).open(url, Optional.empty())) {
            SyncState state = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
            long nanos = 0;
            try (EntityWriter writer = destination.openWriter(TABLE, state)) {
                EntityTyper typer = new EntityTyper(TABLE.entity(), TABLE.primaryKey(), Optional.empty(),
                        writer.layout().orElseThrow(), TypingSettings.defaults(destination.maxIdentifierLength()));
                for (long first = 1; first <= records; first += perBatch) {
                    List<Map<String, Object>> batch = new ArrayList<>(perBatch);
                    for (long id = first; id < first + perBatch && id <= records; id++) {
                        batch.add(SampleRecords.record(id));
                    }
                    state = state.advancedTo(String.valueOf(first + perBatch - 1), Optional.empty());
                    WriteBatch write = typedTables
                            ? new WriteBatch(batch, List.of(), state, Instant.now(),
                                    Optional.of(typer.type(batch, "bench")))
                            : new WriteBatch(batch, List.of(), state, Instant.now());
                    long start = System.nanoTime();
                    writer.write(write);
                    nanos += System.nanoTime() - start;
                }
            }
            return records / (nanos / 1e9);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
