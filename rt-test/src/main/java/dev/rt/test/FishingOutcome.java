package dev.rt.test;

/**
 * What {@link TestProbe#fishForMessage} does with each message it pulls out.
 */
public sealed interface FishingOutcome {

    /** @return keep this message and stop fishing */
    static FishingOutcome complete() {
        return Complete.INSTANCE;
    }

    /** @return keep this message and keep fishing */
    static FishingOutcome continueAndKeep() {
        return Continue.INSTANCE;
    }

    /** @return drop this message and keep fishing */
    static FishingOutcome ignore() {
        return Ignore.INSTANCE;
    }

    /**
     * @param reason why this message means the test failed
     * @return fail the test with that reason
     */
    static FishingOutcome fail(String reason) {
        return new Fail(reason);
    }

    /** Keep and stop. */
    enum Complete implements FishingOutcome { INSTANCE }

    /** Keep and go on. */
    enum Continue implements FishingOutcome { INSTANCE }

    /** Drop and go on. */
    enum Ignore implements FishingOutcome { INSTANCE }

    /**
     * Fail.
     *
     * @param reason why
     */
    record Fail(String reason) implements FishingOutcome {
    }
}
