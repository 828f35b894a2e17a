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

    @Test
    void routersAndTheFileServiceAreDescribed() throws Exception {
        DocumentContext metadata = metadata();
        assertThat((String) property(metadata, "rt.routers").get("type"))
                .startsWith("java.util.Map<java.lang.String,").contains("Router>");
        assertThat((String) property(metadata, "rt.routers").get("description")).contains("@RtActor");
        assertThat(property(metadata, "rt.osl.filesystem.enabled")).containsEntry("defaultValue", false);
        assertThat(property(metadata, "rt.osl.filesystem.pool-size")).containsEntry("defaultValue", 4);
        assertThat(property(metadata, "rt.osl.filesystem.max-file-size")).containsEntry("defaultValue", "16MB")
                .containsEntry("type", "org.springframework.util.unit.DataSize");
        assertThat(property(metadata, "rt.osl.filesystem.read-only")).containsEntry("defaultValue", false);
        assertThat(property(metadata, "rt.osl.filesystem.create-root")).containsEntry("defaultValue", false);
        assertThat(property(metadata, "rt.osl.filesystem.client.principal"))
                .containsEntry("defaultValue", "application");
        for (String key : List.of("root", "rules", "sync-writes", "name", "client.timeout")) {
            assertThat(property(metadata, "rt.osl.filesystem." + key).get("description")).as(key).isNotNull();
        }
    }
}
