package dev.rt.test;

import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.RuntimeEvent;
import java.time.Duration;

/** Short renderings of runtime objects for failure messages. */
final class Texts {

    private Texts() {
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 && millis > 0 ? millis / 1000 + " s" : millis + " ms";
    }

    static String deadLetter(DeadLetter letter) {
        return letter.reason() + " to " + letter.recipient().path() + ": " + letter.message()
                + (letter.detail().isEmpty() ? "" : " (" + letter.detail() + ")");
    }

    static String event(RuntimeEvent event) {
        String name = event.getClass().getSimpleName();
        if (event instanceof RuntimeEvent.ChildRestarted e) {
            return name + " " + e.child().path();
        } else if (event instanceof RuntimeEvent.ChildStarted e) {
            return name + " " + e.child().path();
        } else if (event instanceof RuntimeEvent.ChildStopped e) {
            return name + " " + e.child().path();
        } else if (event instanceof RuntimeEvent.ChildFailed e) {
            return name + " " + e.child().path() + " (" + e.error() + ")";
        } else if (event instanceof RuntimeEvent.BackingOff e) {
            return name + " " + e.child().path() + " " + duration(e.delay());
        } else if (event instanceof RuntimeEvent.ActorFailed e) {
            return name + " " + e.actor().path() + " (" + e.error() + " -> " + e.action() + ")";
        }
        return name + " " + event.actor().path();
    }
}
