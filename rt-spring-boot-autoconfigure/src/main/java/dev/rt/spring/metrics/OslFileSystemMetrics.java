package dev.rt.spring.metrics;

import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileSystemStats;
import dev.rt.osl.fs.OperationKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Binds the OSL file service's own counters ({@link FileSystemStats}) to Micrometer; nothing is counted
 * per operation here, the meters read the service's counters when they are published. Before the
 * service runs they read 0.
 *
 * <ul>
 *   <li>{@code rt.osl.fs.operations} (tags {@code operation}: {@code read}, {@code write}, ...,
 *       {@code outcome}: {@code success} or the failure kind, such as {@code not_found} or
 *       {@code access_denied}): function counter; a fixed set of series</li>
 *   <li>{@code rt.osl.fs.bytes} (tag {@code direction}: {@code read} or {@code write}): function counter</li>
 * </ul>
 */
public final class OslFileSystemMetrics implements MeterBinder {

    /** Outcome tag of an operation that succeeded. */
    public static final String SUCCESS = "success";

    private final Supplier<FileSystemStats> stats;

    /**
     * @param stats the running service's counters, or {@code null} while it does not run
     */
    public OslFileSystemMetrics(Supplier<FileSystemStats> stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OperationKind kind : OperationKind.values()) {
            String operation = tag(kind);
            operations(registry, operation, SUCCESS, s -> s.succeeded(kind));
            for (ErrorKind error : ErrorKind.values()) {
                operations(registry, operation, tag(error), s -> s.failed(kind, error));
            }
        }
        bytes(registry, "read", FileSystemStats::bytesRead);
        bytes(registry, "write", FileSystemStats::bytesWritten);
    }

    private void operations(MeterRegistry registry, String operation, String outcome,
                            ToLongFunction<FileSystemStats> counter) {
        FunctionCounter.builder("rt.osl.fs.operations", this, metrics -> metrics.read(counter))
                .tag("operation", operation)
                .tag("outcome", outcome)
                .description("Operations handled by the OSL file service, by kind and outcome")
                .baseUnit("operations")
                .register(registry);
    }

    private void bytes(MeterRegistry registry, String direction, ToLongFunction<FileSystemStats> counter) {
        FunctionCounter.builder("rt.osl.fs.bytes", this, metrics -> metrics.read(counter))
                .tag("direction", direction)
                .description("Bytes read and written by the OSL file service")
                .baseUnit("bytes")
                .register(registry);
    }

    private double read(ToLongFunction<FileSystemStats> counter) {
        FileSystemStats current = stats.get();
        return current == null ? 0 : counter.applyAsLong(current);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
