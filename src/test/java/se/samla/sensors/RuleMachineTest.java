package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.samla.shared.LocalizedText;

/** A threshold rule fires once the level has stayed high long enough, and clears only well below it. */
class RuleMachineTest {

    static final Rule HIGH_WATER = new Rule(
            "hogt-vatten",
            new LocalizedText("Högt vatten", "High water"),
            "water-level",
            "level",
            2.10,
            null,
            2.00,
            10,
            0,
            "oversvamning",
            null);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Feeds one reading a minute and says what each did: F fired, C cleared, . nothing. */
    static String run(Rule rule, double... levels) {
        var state = RuleMachine.State.NORMAL;
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            var step = RuleMachine.next(rule, state, T0.plusSeconds(60L * i), levels[i]);
            trace.append(step.fired() ? 'F' : step.cleared() ? 'C' : '.');
            state = step.state();
        }
        return trace.toString();
    }

    @Test
    void firesAfterTenMinutesAboveAndNotBefore() {
        List<Double> levels = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            levels.add(2.15);
        }
        // above from minute 0: at minute 10 it has been above for ten minutes
        assertThat(run(
                        HIGH_WATER,
                        levels.stream().mapToDouble(Double::doubleValue).toArray()))
                .isEqualTo("..........F.");
    }

    @Test
    void aDipBelowTheThresholdStartsTheWaitAgain() {
        assertThat(run(
                        HIGH_WATER,
                        2.15,
                        2.15,
                        2.15,
                        2.05,
                        2.15,
                        2.15,
                        2.15,
                        2.15,
                        2.15,
                        2.15,
                        2.15,
                        2.15,
                        2.15,
                        2.15,
                        2.15))
                .isEqualTo("..............F");
    }

    @Test
    void hoveringBetweenTheLevelsNeitherClearsNorFiresAgain() {
        String trace = run(
                HIGH_WATER, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.05, 2.12, 2.03, 2.11, 1.99, 2.05);
        assertThat(trace).isEqualTo("..........F....C.");
    }

    @Test
    void aBelowRuleWatchesTheOtherSide() {
        var frost = new Rule(
                "frost",
                new LocalizedText("Frost", "Frost"),
                "air-temperature",
                "temp",
                null,
                0.0,
                1.0,
                0,
                0,
                "halka",
                null);
        assertThat(run(frost, 2.0, 0.5, -0.5, -1.0, 0.5, 1.5)).isEqualTo("..F..C");
    }

    @Test
    void aLateReadingChangesNothing() {
        var state = RuleMachine.State.NORMAL;
        state = RuleMachine.next(HIGH_WATER, state, T0, 2.2).state();
        var late = RuleMachine.next(HIGH_WATER, state, T0.minusSeconds(60), 1.0);
        assertThat(late.state()).isEqualTo(state);
        assertThat(late.fired() || late.cleared()).isFalse();
    }
}
