package se.samla.sensors;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of one threshold rule for one device, moved on by each reading in time order: normal; pending from the
 * first reading past the threshold; firing once readings have stayed past it for the rule's minutes; back to normal
 * only when a reading is past the clearing level. A reading older than the last one seen changes nothing, so a late
 * redelivery cannot undo what came after it.
 */
final class RuleMachine {

    enum Phase {
        NORMAL,
        PENDING,
        FIRING
    }

    /** Where a rule stands: its phase, since when it is past the threshold, and the last reading's moment. */
    record State(Phase phase, Instant pastSince, Instant lastAt) {

        static final State NORMAL = new State(Phase.NORMAL, null, null);
    }

    /** What a reading did: the new state, and whether the rule fired or cleared with it. */
    record Step(State state, boolean fired, boolean cleared) {}

    private RuleMachine() {}

    static Step next(Rule rule, State state, Instant at, double value) {
        if (state.lastAt() != null && !at.isAfter(state.lastAt())) {
            return new Step(state, false, false);
        }
        Duration hold = Duration.ofMinutes(rule.forMinutes());
        return switch (state.phase()) {
            case NORMAL -> {
                if (!rule.past(value)) {
                    yield new Step(new State(Phase.NORMAL, null, at), false, false);
                }
                boolean now = hold.isZero();
                yield new Step(new State(now ? Phase.FIRING : Phase.PENDING, at, at), now, false);
            }
            case PENDING -> {
                if (!rule.past(value)) {
                    yield new Step(new State(Phase.NORMAL, null, at), false, false);
                }
                boolean long_enough = !at.isBefore(state.pastSince().plus(hold));
                yield new Step(
                        new State(long_enough ? Phase.FIRING : Phase.PENDING, state.pastSince(), at),
                        long_enough,
                        false);
            }
            case FIRING ->
                rule.cleared(value)
                        ? new Step(new State(Phase.NORMAL, null, at), false, true)
                        : new Step(new State(Phase.FIRING, state.pastSince(), at), false, false);
        };
    }
}
