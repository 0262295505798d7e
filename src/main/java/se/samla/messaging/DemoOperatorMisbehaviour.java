package se.samla.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * How the demo operator fails on purpose, so that the demo (and the tests) can show what Samla does when a real
 * operator is slow, down, or loses its answer. Chosen on /demo-brevlada; normal unless someone asks.
 */
@Component
@ConditionalOnProperty(name = "samla.demo-operator.enabled", havingValue = "true", matchIfMissing = true)
class DemoOperatorMisbehaviour {

    enum Mode {
        /** answers as it should */
        NORMAL,
        /** answers after a long wait, beyond the sender's timeout */
        SLOW,
        /** answers every call with a server fault */
        DOWN,
        /** takes the delivery, then fails before answering, as if the answer was lost on the way */
        LOSES_ANSWER,
        /** names a service address no letter may be sent to */
        UNUSABLE_ADDRESS
    }

    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NORMAL);
    private volatile Duration slowness = Duration.ofSeconds(40);

    Mode mode() {
        return mode.get();
    }

    void set(Mode next) {
        mode.set(next);
    }

    /** For the tests: how long a slow answer takes. */
    void slowness(Duration wait) {
        this.slowness = wait;
    }

    void beforeAnswering() {
        switch (mode.get()) {
            case SLOW -> {
                try {
                    Thread.sleep(slowness.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case DOWN -> throw new DemoOperatorFault(DemoOperatorFault.OUT_OF_ORDER, "The operator is out of order");
            default -> {}
        }
    }

    void afterStoring() {
        if (mode.get() == Mode.LOSES_ANSWER) {
            throw new DemoOperatorFault(DemoOperatorFault.OUT_OF_ORDER, "The answer was lost");
        }
    }
}
