package se.samla.web;

import java.util.function.IntSupplier;

/** How many things wait for the logged-in resident, for the header; counted once, when the page asks. */
public final class ToDoCount {

    private final IntSupplier counter;
    private Integer count;

    ToDoCount(IntSupplier counter) {
        this.counter = counter;
    }

    public int count() {
        if (count == null) {
            count = counter.getAsInt();
        }
        return count;
    }
}
