package dev.rt.sample;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;

/**
 * Counts the words of a text. It runs only as the routees of the "words" router declared in
 * application.yml: each routee is a fresh instance of this bean.
 */
@RtActor(name = "wordCounter")
final class WordCounter implements Actor<WordCounter.Count> {

    record Count(String text, ActorRef<Integer> replyTo) {
    }

    @Override
    public void onMessage(Count count, ActorContext<Count> ctx) {
        String text = count.text().strip();
        count.replyTo().tell(text.isEmpty() ? 0 : text.split("\\s+").length);
    }
}
