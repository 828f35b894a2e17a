package dev.rt.sample;

import dev.rt.ActorRef;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP front of the counter actor: {@code POST /counter/{n}} adds, {@code GET /counter} asks. */
@RestController
class CounterController {

    private final ActorRef<Counter.Command> counter;

    CounterController(ActorRef<Counter.Command> counter) {
        this.counter = counter;
    }

    @PostMapping("/counter/{amount}")
    Map<String, Object> add(@PathVariable long amount) {
        counter.tell(new Counter.Command.Add(amount));
        return Map.of("added", amount);
    }

    @GetMapping("/counter")
    Map<String, Object> total() {
        long total = counter.<Long>ask(Counter.Command.Get::new).join();
        return Map.of("total", total);
    }
}
