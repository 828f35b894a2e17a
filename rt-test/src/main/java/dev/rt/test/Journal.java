package dev.rt.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A thread-safe record of what happened, in order, where an expectation consumes the entry it matched
 * so the next expectation needs a new one. Runtime threads append; the test thread waits and takes.
 */
final class Journal<T> {

    private final List<T> entries = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();

    synchronized void add(T entry) {
        entries.add(entry);
        consumed.add(Boolean.FALSE);
        notifyAll();
    }

    /**
     * Waits for the first unconsumed entry that matches and consumes it.
     *
     * @return the entry, or {@code null} if none came in time
     */
    synchronized T take(Predicate<? super T> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < entries.size(); i++) {
                if (!consumed.get(i) && matcher.test(entries.get(i))) {
                    consumed.set(i, Boolean.TRUE);
                    return entries.get(i);
                }
            }
            if (!waitUntil(deadline)) {
                return null;
            }
        }
    }

    /**
     * Waits until {@code condition} holds over all entries.
     *
     * @return whether it held in time
     */
    synchronized boolean await(Predicate<List<T>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(List.copyOf(entries))) {
            if (!waitUntil(deadline)) {
                return condition.test(List.copyOf(entries));
            }
        }
        return true;
    }

    /** Consumes every unconsumed entry that matches. */
    synchronized void consumeAll(Predicate<? super T> matcher) {
        for (int i = 0; i < entries.size(); i++) {
            if (matcher.test(entries.get(i))) {
                consumed.set(i, Boolean.TRUE);
            }
        }
    }

    synchronized List<T> all() {
        return List.copyOf(entries);
    }

    synchronized List<T> unconsumed() {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!consumed.get(i)) {
                out.add(entries.get(i));
            }
        }
        return out;
    }

    synchronized void clear() {
        entries.clear();
        consumed.clear();
    }

    /** @return the entries as text, at most {@code limit} of them, for failure messages */
    synchronized String describe(Predicate<? super T> filter, Function<? super T, String> format, int limit) {
        List<String> shown = new ArrayList<>();
        int total = 0;
        for (T entry : entries) {
            if (filter.test(entry)) {
                total++;
                if (shown.size() < limit) {
                    shown.add(format.apply(entry));
                }
            }
        }
        if (total == 0) {
            return "none";
        }
        return shown + (total > limit ? " and " + (total - limit) + " more" : "");
    }

    private boolean waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            wait(Math.max(1, left / 1_000_000), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
        return true;
    }
}
