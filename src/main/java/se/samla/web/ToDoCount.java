package se.samla.web;

import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many things wait for the logged-in resident, for the header; counted once, when the page asks. A count that
 * cannot be made (a database that does not answer) is logged and left out: it must not take the page with it.
 */
public final class ToDoCount {

    private static final Logger log = LoggerFactory.getLogger(ToDoCount.class);

    private final IntSupplier counter;
    private Integer count;

    ToDoCount(IntSupplier counter) {
        this.counter = counter;
    }

    public int count() {
        if (count == null) {
            try {
                count = counter.getAsInt();
            } catch (RuntimeException e) {
                log.warn("The header's count of things to do could not be made: {}", e.toString());
                count = 0;
            }
        }
        return count;
    }
}
