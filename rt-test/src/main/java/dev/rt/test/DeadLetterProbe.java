package dev.rt.test;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dead letters of the system under test. A test expects the ones it causes; at the end of the test
 * the {@link ActorTestKit} fails it if any other dead letter appeared (unless its reason was
 * {@linkplain #allow allowed}), because a message nobody handled is usually a bug the test did not see.
 *
 * <pre>{@code
 * ActorRef<String> worker = kit.spawn("worker", Worker::new);
 * kit.stop(worker);
 * worker.tell("late");
 * DeadLetter letter = kit.deadLetters().expect(DeadLetterReason.STOPPED, "late");
 * }</pre>
 */
public final class DeadLetterProbe {

    private final Journal<DeadLetter> journal = new Journal<>();
    private final TestKitSettings settings;
    private final Set<DeadLetterReason> allowed = EnumSet.noneOf(DeadLetterReason.class);

    private final ActorSystem system;
    private volatile boolean recording = true;
    private volatile boolean shuttingDown;
    private final AutoCloseable subscription;

    DeadLetterProbe(ActorSystem system, TestKitSettings settings) {
        this.system = system;
        this.settings = settings;
        this.subscription = system.deadLetters().subscribe(letter -> {
            if (recording && !causedByShutdown(letter)) {
                journal.add(letter);
            }
        });
    }

    /**
     * While the kit terminates the system, letters of the test's in-flight work (the system is still
     * draining) count; sends refused because of the shutdown, and whatever is lost once actors are being
     * stopped, are the kit's doing.
     */
    private boolean causedByShutdown(DeadLetter letter) {
        if (!shuttingDown) {
            return false;
        }
        ActorSystem.State state = system.state();
        return state == ActorSystem.State.STOPPING || state == ActorSystem.State.TERMINATED
                || DeadLetter.REFUSED_AT_SHUTDOWN.equals(letter.detail());
    }

    /**
     * Waits for a dead letter with that reason.
     *
     * @param reason the reason
     * @return the dead letter, now counted as expected
     * @throws AssertionError if none comes within the default timeout
     */
    public DeadLetter expect(DeadLetterReason reason) {
        Objects.requireNonNull(reason, "reason");
        return expect(letter -> letter.reason() == reason, reason.name(), settings.expectTimeout());
    }

    /**
     * Waits for a dead letter with that reason and message.
     *
     * @param reason the reason
     * @param message the message, compared with {@code equals}
     * @return the dead letter, now counted as expected
     */
    public DeadLetter expect(DeadLetterReason reason, Object message) {
        Objects.requireNonNull(reason, "reason");
        return expect(letter -> letter.reason() == reason && Objects.equals(letter.message(), message),
                reason + " with message " + message, settings.expectTimeout());
    }

    /**
     * Waits for a dead letter with that reason addressed to that actor.
     *
     * @param reason the reason
     * @param recipient the actor it was meant for
     * @return the dead letter, now counted as expected
     */
    public DeadLetter expectTo(DeadLetterReason reason, ActorRef<?> recipient) {
        String path = recipient.address().path();
        return expect(letter -> letter.reason() == reason && letter.recipient().path().equals(path),
                reason + " to " + path, settings.expectTimeout());
    }

    /**
     * Waits for a dead letter that matches.
     *
     * @param matcher what it must satisfy
     * @param description what is expected, for the failure message
     * @param timeout how long to wait (not dilated)
     * @return the dead letter, now counted as expected
     */
    public DeadLetter expect(Predicate<? super DeadLetter> matcher, String description, Duration timeout) {
        DeadLetter letter = journal.take(matcher, timeout);
        if (letter == null) {
            throw new AssertionError("expected a dead letter " + description + " within " + Texts.duration(timeout)
                    + ", but none came; dead letters so far: " + journal.describe(l -> true, Texts::deadLetter, 10));
        }
        return letter;
    }

    /**
     * Waits for {@code count} dead letters with that reason.
     *
     * @param reason the reason
     * @param count how many
     * @return them, in order, now counted as expected
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public List<DeadLetter> expect(DeadLetterReason reason, int count) {
        Objects.requireNonNull(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("cannot expect a negative number of dead letters: " + count);
        }
        List<DeadLetter> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DeadLetter letter = journal.take(l -> l.reason() == reason, settings.expectTimeout());
            if (letter == null) {
                throw new AssertionError("expected " + count + " dead letters " + reason + " within "
                        + Texts.duration(settings.expectTimeout()) + ", but only " + i + " came; dead letters so far: "
                        + journal.describe(l -> true, Texts::deadLetter, 10));
            }
            out.add(letter);
        }
        return out;
    }

    /**
     * Fails at once if a dead letter appeared that no expectation took and no {@link #allow} covers.
     *
     * @throws AssertionError listing them
     */
    public void expectNoUnexpected() {
        List<DeadLetter> unexpected = unexpected();
        if (!unexpected.isEmpty()) {
            List<String> shown = unexpected.stream().limit(10).map(Texts::deadLetter).toList();
            throw new AssertionError(unexpected.size() + " unexpected dead letter(s): " + shown
                    + (unexpected.size() > 10 ? " and more" : "") + ". Expect them with kit.deadLetters().expect(...), "
                    + "allow their reason with kit.deadLetters().allow(...), or fix the code that lost them.");
        }
    }

    /**
     * Lets dead letters with these reasons pass the end-of-test check (for this test; the JUnit extension
     * resets it between tests).
     *
     * @param reasons the reasons to tolerate
     * @return this
     */
    public DeadLetterProbe allow(DeadLetterReason... reasons) {
        synchronized (allowed) {
            allowed.addAll(List.of(reasons));
        }
        return this;
    }

    /** Lets every dead letter pass the end-of-test check. */
    public DeadLetterProbe allowAll() {
        return allow(DeadLetterReason.values());
    }

    /** @return every dead letter so far, oldest first */
    public List<DeadLetter> all() {
        return journal.all();
    }

    /**
     * @param reason a reason
     * @return the dead letters with that reason so far
     */
    public List<DeadLetter> withReason(DeadLetterReason reason) {
        return journal.all().stream().filter(letter -> letter.reason() == reason).toList();
    }

    /**
     * @param reason a reason
     * @return the messages of the dead letters with that reason so far
     */
    public List<Object> messages(DeadLetterReason reason) {
        return withReason(reason).stream().map(DeadLetter::message).toList();
    }

    /**
     * @param matcher a condition
     * @return the dead letters so far that satisfy it
     */
    public List<DeadLetter> matching(Predicate<? super DeadLetter> matcher) {
        return journal.all().stream().filter(matcher).toList();
    }

    /** @return the dead letters no expectation took and no allowed reason covers */
    public List<DeadLetter> unexpected() {
        Set<DeadLetterReason> tolerated;
        synchronized (allowed) {
            tolerated = Set.copyOf(allowed);
        }
        return journal.unconsumed().stream().filter(letter -> !tolerated.contains(letter.reason())).toList();
    }

    /** Forgets the dead letters and the allowed reasons (between tests of a shared system). */
    void reset() {
        journal.clear();
        synchronized (allowed) {
            allowed.clear();
        }
    }

    /** The kit starts terminating the system: from now on tell the test's letters from the shutdown's. */
    void beginShutdown() {
        shuttingDown = true;
    }

    /** Stops recording once the system has terminated. */
    void stopRecording() {
        recording = false;
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not unsubscribe from dead letters", e);
        }
    }
}
