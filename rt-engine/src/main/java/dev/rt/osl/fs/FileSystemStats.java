package dev.rt.osl.fs;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one file service, for metrics: operations by kind and outcome, bytes, denials and
 * refusals, latency, audit-listener failures. Reading is cheap and never blocks the service; the values
 * only grow.
 */
public final class FileSystemStats {

    private static final int OUTCOMES = ErrorKind.values().length + 1; // slot 0: success

    private final LongAdder[] operations = new LongAdder[OperationKind.values().length * OUTCOMES];
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder denials = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    private final LongAdder auditFailures = new LongAdder();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyTotal = new LongAdder();
    private final LongAccumulator latencyMax = new LongAccumulator(Math::max, 0);

    FileSystemStats() {
        for (int i = 0; i < operations.length; i++) {
            operations[i] = new LongAdder();
        }
    }

    void record(OperationKind kind, FileSystemResult result, long nanos) {
        ErrorKind error = result instanceof FileSystemResult.Failure f ? f.kind() : null;
        operations[slot(kind, error)].increment();
        if (result instanceof FileSystemResult.Content content) {
            bytesRead.add(content.size());
        } else if (result instanceof FileSystemResult.Written written) {
            bytesWritten.add(written.bytes());
        }
        Decision decision = Decision.of(result);
        if (decision == Decision.DENY) {
            denials.increment();
        } else if (decision == Decision.REFUSE) {
            refusals.increment();
        }
        latencyCount.increment();
        latencyTotal.add(nanos);
        latencyMax.accumulate(nanos);
    }

    void auditFailed() {
        auditFailures.increment();
    }

    private static int slot(OperationKind kind, ErrorKind error) {
        return kind.ordinal() * OUTCOMES + (error == null ? 0 : error.ordinal() + 1);
    }

    /** @return all operations handled */
    public long operations() {
        long sum = 0;
        for (LongAdder adder : operations) {
            sum += adder.sum();
        }
        return sum;
    }

    /**
     * @param kind an operation kind
     * @return operations of that kind, whatever their outcome
     */
    public long operations(OperationKind kind) {
        long sum = 0;
        for (int i = 0; i < OUTCOMES; i++) {
            sum += operations[kind.ordinal() * OUTCOMES + i].sum();
        }
        return sum;
    }

    /**
     * @param kind an operation kind
     * @return operations of that kind that succeeded
     */
    public long succeeded(OperationKind kind) {
        return operations[slot(kind, null)].sum();
    }

    /**
     * @param kind an operation kind
     * @param error a failure kind
     * @return operations of that kind that failed with that error
     */
    public long failed(OperationKind kind, ErrorKind error) {
        return operations[slot(kind, error)].sum();
    }

    /**
     * @param error a failure kind
     * @return operations of any kind that failed with that error
     */
    public long failed(ErrorKind error) {
        long sum = 0;
        for (OperationKind kind : OperationKind.values()) {
            sum += failed(kind, error);
        }
        return sum;
    }

    /** @return bytes returned by reads */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** @return bytes written by writes and appends */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    /** @return requests the access rules or the read-only switch denied */
    public long denials() {
        return denials.sum();
    }

    /** @return requests the sandbox refused (outside the root, invalid path) */
    public long refusals() {
        return refusals.sum();
    }

    /** @return audit-listener calls that threw */
    public long auditFailures() {
        return auditFailures.sum();
    }

    /** @return how many latencies were recorded (one per operation) */
    public long latencyCount() {
        return latencyCount.sum();
    }

    /** @return the sum of the latencies, in nanoseconds */
    public long latencyTotalNanos() {
        return latencyTotal.sum();
    }

    /** @return the longest latency, in nanoseconds */
    public long latencyMaxNanos() {
        return latencyMax.get();
    }

    @Override
    public String toString() {
        return "FileSystemStats[operations=" + operations() + ", bytesRead=" + bytesRead() + ", bytesWritten="
                + bytesWritten() + ", denials=" + denials() + ", refusals=" + refusals() + ", auditFailures="
                + auditFailures() + "]";
    }
}
