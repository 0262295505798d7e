package se.samla.audit;

import java.util.List;
import se.samla.shared.TenantId;

/** The outcome of checking one tenant's audit chain. */
public record ChainVerification(TenantId tenantId, long entriesChecked, List<Finding> findings) {

    public boolean intact() {
        return findings.isEmpty();
    }

    /** Something wrong at one place in the chain. */
    public record Finding(long seq, Problem problem) {}

    public enum Problem {
        /** The entry's content no longer matches its keyed hash: changed, or written by someone without the key. */
        ALTERED,
        /** An entry that should be there is not: removed. */
        MISSING,
        /** The entry does not follow on the one before it: something before it was removed, replaced or inserted. */
        BROKEN_LINK,
        /** An entry beyond the recorded end of the chain: inserted. */
        UNEXPECTED
    }
}
