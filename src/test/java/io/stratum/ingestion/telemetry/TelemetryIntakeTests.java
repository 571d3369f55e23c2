package io.stratum.ingestion.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Telemetry intake: raw first, each reading judged on its own, dead letters with reasons, scores handed on. */
class TelemetryIntakeTests {

    final TelemetryStore store = mock(TelemetryStore.class);
    final Assets assets = mock(Assets.class);
    final TelemetryAnalysis analysis = mock(TelemetryAnalysis.class);
    final List<Object> events = new java.util.ArrayList<>();
    TelemetryIntake intake;

    @BeforeEach
    void setUp() {
        MockEnvironment env = new MockEnvironment();
        TelemetrySettings settings = new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("stratum.telemetry", TelemetrySettings.class);
        intake = new TelemetryIntake(store, assets, analysis, settings, new ObjectMapper(), events::add);
        when(store.storeRaw(anyString(), any(), any())).thenReturn("raw-1");
        when(assets.find("M-1")).thenReturn(Optional.of(new Asset("M-1", "Mill", "mill", "L", 48, 11, "HIGH",
                "spindle")));
        when(analysis.score(any())).thenAnswer(call -> ((List<?>) call.getArgument(0)).stream()
                .map(r -> new ReadingScores(0.9, "OSF", 1.0)).toList());
        when(store.store(eq("raw-1"), any(), any(), any())).thenAnswer(call -> ((List<?>) call.getArgument(1)).stream()
                .map(r -> 1L).toList());
    }

    private TelemetryIntake.BatchResult ingest(String json) {
        return intake.ingest("http", null, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachReadingIsJudgedOnItsOwn() {
        TelemetryIntake.BatchResult result = ingest("""
                [{"assetId":"M-1","airTemperature":300,"processTemperature":310,"rotationalSpeed":1500,"torque":40,"toolWear":5},
                 {"assetId":"M-1","airTemperature":300,"processTemperature":310,"rotationalSpeed":1500,"torque":-4,"toolWear":5},
                 {"assetId":"M-1","airTemperature":"hot","processTemperature":310,"rotationalSpeed":1500,"torque":40},
                 {"assetId":"Z-9","airTemperature":300,"processTemperature":310,"rotationalSpeed":1500,"torque":40,"toolWear":5},
                 {"assetId":"M-1","measuredAt":"yesterday","airTemperature":300,"processTemperature":310,"rotationalSpeed":1500,"torque":40,"toolWear":5},
                 {"assetId":"M-1","measuredAt":"-999999999-01-01T00:00:00Z","airTemperature":300,"processTemperature":310,"rotationalSpeed":1500,"torque":40,"toolWear":5}]""");

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(5);
        assertThat(result.results().get(0).failureMode()).isEqualTo("OSF");
        assertThat(result.results().get(1).errors()).extracting(InvalidTelemetryException.Problem::field)
                .containsExactly("torque");
        assertThat(result.results().get(2).errors()).extracting(InvalidTelemetryException.Problem::field)
                .containsExactly("airTemperature", "toolWear");
        assertThat(result.results().get(3).errors().get(0).message()).isEqualTo("unknown asset Z-9");
        assertThat(result.results().get(4).errors().get(0).field()).isEqualTo("measuredAt");
        assertThat(result.results().get(5).errors()).singleElement()
                .isEqualTo(new InvalidTelemetryException.Problem("measuredAt", "lies before 1970"));
        // The message's accepted and rejected readings are stored together (one transaction).
        verify(store).store(eq("raw-1"), argThat(r -> r.size() == 1), argThat(s -> s.size() == 1), argThat(d ->
                d.size() == 5 && d.get(0).index() == 1 && "M-1".equals(d.get(0).assetId())
                        && d.get(0).reason().contains("torque: out of range")
                        && d.get(2).index() == 3 && "Z-9".equals(d.get(2).assetId())
                        && d.get(2).reason().contains("unknown asset")));
        verify(analysis).stored(any());
        assertThat(events).containsExactly(new TelemetryReceived("http", 1, 5));
    }

    @Test
    void theTopicNamesTheAssetAndMayNotBeContradicted() {
        TelemetryIntake.BatchResult ok = intake.ingest("mqtt", "stratum/telemetry/M-1", "M-1", """
                {"airTemperature":300,"processTemperature":310,"rotationalSpeed":1500,"torque":40,"toolWear":5}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ok.accepted()).isEqualTo(1);
        TelemetryIntake.BatchResult other = intake.ingest("mqtt", "stratum/telemetry/M-1", "M-1", """
                {"assetId":"M-2","airTemperature":300,"processTemperature":310,"rotationalSpeed":1500,"torque":40,"toolWear":5}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(other.results().get(0).errors().get(0).message()).contains("differs from the topic's asset");
    }

    @Test
    void cycleSensorsAreOptionalButMustBeTwentyOneNumbers() {
        String base = "{\"assetId\":\"M-1\",\"airTemperature\":300,\"processTemperature\":310,"
                + "\"rotationalSpeed\":1500,\"torque\":40,\"toolWear\":5";
        String sensors = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> i + ".5")
                .collect(java.util.stream.Collectors.joining(","));
        TelemetryIntake.BatchResult result = ingest("[" + base + ",\"sensors\":[" + sensors + "]},"
                + base + ",\"sensors\":[1,2,3]}," + base + ",\"sensors\":[" + sensors.replace(",7.5,", ",\"x\",")
                + "]}]");
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.results().get(1).errors().get(0).field()).isEqualTo("sensors");
        assertThat(result.results().get(2).errors().get(0).field()).isEqualTo("sensors[6]");
        verify(store).store(eq("raw-1"), argThat(r -> r.size() == 1 && r.get(0).sensors().length == 21
                && r.get(0).sensors()[20] == 21.5), any(), argThat(d -> d.size() == 2));
    }

    @Test
    void anUnreadableMessageIsKeptRawAndDeadLettered() {
        assertThatThrownBy(() -> ingest("{\"assetId\": ")).isInstanceOf(InvalidTelemetryException.class)
                .hasMessageContaining("malformed JSON")
                .satisfies(e -> assertThat(((InvalidTelemetryException) e).rawId()).isEqualTo("raw-1"));
        assertThatThrownBy(() -> ingest("[]")).hasMessageContaining("no readings");
        assertThatThrownBy(() -> ingest("42")).hasMessageContaining("expected a reading object");
        verify(store, org.mockito.Mockito.times(3)).deadLetter(eq("raw-1"), eq(-1), isNull(), isNull(), anyString());
        verify(analysis, never()).score(any());
        verify(store, never()).store(any(), any(), any(), any());
    }

    @Test
    void assetCsvIsAllOrNothingAndNamesTheLine() {
        assertThat(AssetRegistry.parse(AssetRegistry.HEADER + "\nA-1,Mill,mill,l,48.1,11.5,high,Spindle\n"))
                .containsExactly(new Asset("A-1", "Mill", "mill", "L", 48.1, 11.5, "HIGH", "spindle"));
        assertThatThrownBy(() -> AssetRegistry.parse(AssetRegistry.HEADER
                + "\nA-1,Mill,mill,L,48.1,11.5,HIGH,spindle\nA-2,Mill,mill,X,48.1,11.5,HIGH,spindle\n"))
                .hasMessageContaining("line 3").hasMessageContaining("productType");
        // Longer than its column: named, not a database error
        assertThatThrownBy(() -> AssetRegistry.parse(AssetRegistry.HEADER
                + "\nA-1,Mill," + "m".repeat(101) + ",L,48.1,11.5,HIGH,spindle\n"))
                .hasMessageContaining("line 2").hasMessageContaining("assetType");
        assertThatThrownBy(() -> AssetRegistry.parse(AssetRegistry.HEADER
                + "\nA-1,Mill,mill,L,48.1,11.5,HIGH," + "s".repeat(101) + "\n"))
                .hasMessageContaining("line 2").hasMessageContaining("requiredSkill");
    }
}
