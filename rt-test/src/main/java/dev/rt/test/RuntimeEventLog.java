package dev.rt.test;

import dev.rt.monitor.RuntimeEvent;
import dev.rt.monitor.RuntimeListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@link RuntimeListener} the testkit installs in the system under test: it keeps every lifecycle,
 * failure and supervision event for the {@link SupervisionProbe} and {@link ActorTestKit#events()}.
 * Build a system with it ({@code builder.listener(...)}), or, in Spring, register it as a bean; the
 * testkit does both for you.
 */
public final class RuntimeEventLog implements RuntimeListener {

    private final Journal<RuntimeEvent> journal = new Journal<>();

    /** An empty log. */
    public RuntimeEventLog() {
    }

    @Override
    public void onEvent(RuntimeEvent event) {
        if (!(event instanceof RuntimeEvent.DeadLettered)) {
            journal.add(event); // dead letters are recorded by subscription, so attached systems see them too
        }
    }

    /** @return every event so far, oldest first */
    public List<RuntimeEvent> events() {
        return journal.all();
    }

    /**
     * @param type an event type
     * @param <T> the type
     * @return the events of that type so far, oldest first
     */
    public <T extends RuntimeEvent> List<T> events(Class<T> type) {
        return journal.all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Waits for an event of that type that matches.
     *
     * @param type the event type
     * @param matcher what it must satisfy
     * @param timeout how long to wait
     * @param <T> the type
     * @return the first such event
     * @throws AssertionError listing the events seen if none came in time
     */
    public <T extends RuntimeEvent> T awaitEvent(Class<T> type, Predicate<? super T> matcher, Duration timeout) {
        boolean found = journal.await(all -> all.stream().anyMatch(e -> type.isInstance(e)
                && matcher.test(type.cast(e))), timeout);
        if (!found) {
            throw new AssertionError("expected a " + type.getSimpleName() + " event within " + timeout.toMillis()
                    + " ms, but none matched; events so far: " + journal.describe(e -> true, Texts::event, 20));
        }
        return events(type).stream().filter(matcher).findFirst().orElseThrow();
    }

    Journal<RuntimeEvent> journal() {
        return journal;
    }

    /** Forgets every event (between the tests of a shared system). */
    public void clear() {
        journal.clear();
    }
}
