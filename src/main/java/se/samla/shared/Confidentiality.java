package se.samla.shared;

/**
 * Samla's ordered scale of confidentiality, for case types, cases, and the clearance of staff and API
 * clients: someone sees a case only when their clearance reaches its level.
 */
public enum Confidentiality {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    STRICTLY_CONFIDENTIAL;

    public boolean reaches(Confidentiality level) {
        return compareTo(level) >= 0;
    }

    /** The levels a clearance at this level reaches, from PUBLIC up to this one. */
    public java.util.List<Confidentiality> levelsReached() {
        return java.util.List.of(values()).subList(0, ordinal() + 1);
    }
}
