package se.samla.messaging.view;

import java.util.List;

/**
 * Mina sidor → Min post: the resident's letters, and how their post comes now.
 *
 * @param channel what the resident chose, in words ("Digital brevlåda"), or the default's description
 */
public record MyPostView(String channel, List<Row> letters) {

    public MyPostView {
        letters = List.copyOf(letters);
    }

    /**
     * One letter.
     *
     * @param received how it reached the resident, in words, or null
     * @param appealUntil for a decision received, the last day to appeal, else null
     * @param signed who signed the letter digitally, in words, or null
     */
    public record Row(
            String id,
            String subject,
            String reference,
            String date,
            boolean unread,
            String received,
            String appealUntil,
            String signed) {}
}
