package dev.rt.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The annotation processor generates IDE metadata with a description and default for the properties. */
class ConfigurationMetadataTests {

    private static DocumentContext metadata() throws Exception {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            return JsonPath.parse(in);
        }
    }

    private static Map<String, Object> property(DocumentContext metadata, String name) {
        List<Map<String, Object>> found = metadata.read("$.properties[?(@.name == '" + name + "')]");
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyPropertyHasADescription() throws Exception {
        DocumentContext metadata = metadata();
        List<Map<String, Object>> properties = metadata.read("$.properties[?(@.name =~ /rt\\..*/)]");
        assertThat(properties).hasSizeGreaterThanOrEqualTo(14);
        assertThat(properties).allSatisfy(p -> assertThat(p.get("description")).as("%s", p.get("name")).isNotNull());
    }

    @Test
    void defaultsAndMergedKeysArePresent() throws Exception {
        DocumentContext metadata = metadata();
        assertThat(property(metadata, "rt.default-mailbox.capacity")).containsEntry("defaultValue", 1000);
        assertThat(property(metadata, "rt.ask-timeout")).containsEntry("defaultValue", "5s");
        assertThat(property(metadata, "rt.metrics.sample-rate")).containsEntry("defaultValue", 64);
        assertThat((String) property(metadata, "rt.supervisors").get("type"))
                .startsWith("java.util.Map<java.lang.String,").contains("Supervisor>");
        assertThat(property(metadata, "rt.dispatcher.idle-strategy")).containsEntry("defaultValue", "backoff");
        assertThat(property(metadata, "management.health.rt.enabled")).containsEntry("defaultValue", true);
    }
}
