package se.samla.messaging.view;

import java.util.List;

/**
 * The sheet before each letter in a print batch: the sender's return address and the recipient's address, placed
 * for a C5 window envelope, and the reference for the post room.
 */
public record AddressSheetView(String sender, List<String> senderLines, List<String> recipientLines, String reference) {

    public AddressSheetView {
        senderLines = List.copyOf(senderLines);
        recipientLines = List.copyOf(recipientLines);
    }
}
