package se.samla.messaging.view;

import java.util.List;

/**
 * The registry's post desk: how many letters wait for print, the latest batches, and the letters that wait on
 * staff (digital delivery failed for good; no address to print).
 *
 * @param notice what the last action did, or null
 * @param error why the last action was refused, or null
 */
public record PostDeskView(
        int queued,
        List<Batch> batches,
        List<Waiting> failed,
        List<Waiting> withoutAddress,
        String notice,
        String error,
        String today) {

    public PostDeskView {
        batches = List.copyOf(batches);
        failed = List.copyOf(failed);
        withoutAddress = List.copyOf(withoutAddress);
    }

    /** @param sentOn the day it was posted, or null while it waits */
    public record Batch(String id, int letters, String created, String sentOn) {}

    public record Waiting(String dispatchId, String reference, String subject, String reason, String since) {}
}
