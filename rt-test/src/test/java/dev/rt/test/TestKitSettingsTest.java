package dev.rt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TestKitSettingsTest {

    private static Properties file(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsAreThreeSecondsAndAHundredMillis() {
        TestKitSettings settings = TestKitSettings.from(key -> null, Map.of(), new Properties());
        assertThat(settings.expectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.noMessageTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.dilatedShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theTimeFactorStretchesEveryDefault() {
        TestKitSettings settings = TestKitSettings.from(key -> null, Map.of("RT_TEST_TIMEFACTOR", "2.5"),
                new Properties());
        assertThat(settings.expectTimeout()).isEqualTo(Duration.ofMillis(7500));
        assertThat(settings.noMessageTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.dilated(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void systemPropertiesWinOverEnvironmentWhichWinsOverTheFile() {
        Properties file = file("rt.test.single-expect-default", "9s", "rt.test.expect-no-message-default", "1s",
                "rt.test.shutdown-timeout", "PT20S");
        TestKitSettings settings = TestKitSettings.from(
                key -> key.equals("rt.test.single-expect-default") ? "500ms" : null,
                Map.of("RT_TEST_SINGLE_EXPECT_DEFAULT", "7s", "RT_TEST_EXPECT_NO_MESSAGE_DEFAULT", "2s"), file);
        assertThat(settings.singleExpectDefault()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.expectNoMessageDefault()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> TestKitSettings.from(key -> null, Map.of("RT_TEST_TIMEFACTOR", "fast"),
                new Properties())).hasMessageContaining("rt.test.timefactor must be a number");
        assertThatThrownBy(() -> TestKitSettings.from(key -> null, Map.of(),
                file("rt.test.single-expect-default", "soon")))
                .hasMessageContaining("rt.test.single-expect-default must be a duration such as 500ms");
        assertThatThrownBy(() -> new TestKitSettings(0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1))).hasMessageContaining("positive");
    }

    @Test
    void readsTheClasspathFileOfThisModule() {
        // src/test/resources/rt-test.properties sets a 4 s expect default for this module's tests
        assertThat(TestKitSettings.load().singleExpectDefault()).isEqualTo(Duration.ofSeconds(4));
    }
}
