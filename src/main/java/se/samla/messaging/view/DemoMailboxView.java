package se.samla.messaging.view;

import java.util.List;

/**
 * The demo mailbox operator's pages: its holders, or one holder's mailbox with what arrived.
 *
 * @param holder the mailbox shown, or null on the operator's own page
 * @param mode how the operator behaves now (NORMAL, SLOW, DOWN, LOSES_ANSWER)
 */
public record DemoMailboxView(String operator, List<Holder> holders, Holder holder, List<Item> items, String mode) {

    public DemoMailboxView {
        holders = List.copyOf(holders);
        items = List.copyOf(items);
    }

    public record Holder(String recipientId, String shown, boolean open) {}

    public record Item(String id, String sender, String subject, String delivered, boolean unread) {}
}
