package se.samla.identity;

import java.util.List;

/**
 * The choices of whom to act for.
 *
 * @param notice a message key, when something kept a choice from being offered
 */
public record ActingForView(List<Choice> choices, String notice) {

    /**
     * @param kind       SELF, CHILD, POWER_OF_ATTORNEY or ORGANISATION
     * @param authorities for a power of attorney, the case types it covers
     */
    public record Choice(String kind, String identifier, String name, String authorities, boolean current) {

        public String value() {
            return kind + ":" + identifier;
        }
    }
}
