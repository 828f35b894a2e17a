package dev.rt.sample;

import dev.rt.ActorRef;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP front of the "words" router: {@code GET /words?text=...} asks one of its routees. */
@RestController
class WordController {

    private final ActorRef<WordCounter.Count> words;

    WordController(@Qualifier("words") ActorRef<WordCounter.Count> words) {
        this.words = words;
    }

    @GetMapping("/words")
    Map<String, Object> count(@RequestParam String text) {
        int count = words.<Integer>ask(replyTo -> new WordCounter.Count(text, replyTo)).join();
        return Map.of("words", count);
    }
}
