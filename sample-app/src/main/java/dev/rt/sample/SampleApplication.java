package dev.rt.sample;

import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A document-ingestion service built on the rt starter. Documents are stored through the sandboxed OSL
 * file service, tokenized by a round-robin pool, indexed by shards chosen by consistent hashing of the
 * term, and enriched by a deliberately flaky actor under its own supervision tree. Everything about the
 * actors (supervisors, routers, the file service and its access rules) is declared in application.yml.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the service; Spring Boot's command-line arguments apply, such as
     * {@code --server.port=8081} or {@code --sample.data-dir=/some/dir}.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    /** The routing key of the "index" router (rt.routers.index.hash-key-bean): a message's term. */
    @Bean
    Function<IndexShard.Command, String> termKey() {
        return IndexShard.Command::term;
    }
}
