package dev.rt.remote.nats;

import dev.rt.ActorRef;

/**
 * How a codec writes an {@link ActorRef} found inside a message, and reads it back on another node. A
 * local ref is written with its node, so on any other node it reads as a remote ref that sends back here;
 * on its own node it reads as the local ref again.
 */
public interface RefCodec {

    /**
     * @param ref a local or remote ref
     * @return its wire form
     */
    String write(ActorRef<?> ref);

    /**
     * @param wire what {@link #write} produced
     * @return the ref
     * @throws MessageCodecException if the text is not a ref
     */
    ActorRef<?> read(String wire);
}
