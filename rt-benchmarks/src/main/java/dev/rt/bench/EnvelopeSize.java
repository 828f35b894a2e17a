package dev.rt.bench;

import org.openjdk.jol.info.ClassLayout;

/**
 * Prints, as markdown, the instance sizes JOL computes for rt's envelope and Pekko's envelope (plus the
 * per-actor cell objects for context). rt queues a message told without a sender as it is, with no
 * envelope; Pekko wraps every message in one.
 */
public final class EnvelopeSize {

    private EnvelopeSize() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(markdown());
    }

    static String markdown() throws ClassNotFoundException {
        ClassLayout rt = ClassLayout.parseClass(Class.forName("dev.rt.Envelope"));
        ClassLayout pekko = ClassLayout.parseClass(Class.forName("org.apache.pekko.dispatch.Envelope"));
        ClassLayout rtCell = ClassLayout.parseClass(Class.forName("dev.rt.ActorCell"));
        ClassLayout pekkoCell = ClassLayout.parseClass(Class.forName("org.apache.pekko.actor.ActorCell"));
        StringBuilder md = new StringBuilder();
        md.append("## Envelope size (JOL ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.vm.version")).append(")\n\n");
        md.append("| Class | Instance size | Allocated per message |\n");
        md.append("|---|--:|---|\n");
        md.append("| rt `dev.rt.Envelope` | ").append(rt.instanceSize())
                .append(" B | only for `tell(msg, sender)`; `tell(msg)` queues the message itself (0 B) |\n");
        md.append("| Pekko `org.apache.pekko.dispatch.Envelope` | ").append(pekko.instanceSize())
                .append(" B | every message |\n");
        md.append("| rt `dev.rt.ActorCell` (per actor, for context) | ").append(rtCell.instanceSize())
                .append(" B | – |\n");
        md.append("| Pekko `org.apache.pekko.actor.ActorCell` (per actor, for context) | ")
                .append(pekkoCell.instanceSize()).append(" B | – |\n\n");
        md.append("Target: rt envelope ≤ 32 B: ").append(rt.instanceSize() <= 32 ? "met" : "**missed**")
                .append(".\n\n");
        md.append("<details><summary>JOL layouts</summary>\n\n```\n").append(rt.toPrintable()).append('\n')
                .append(pekko.toPrintable()).append("```\n</details>\n\n");
        return md.toString();
    }
}
