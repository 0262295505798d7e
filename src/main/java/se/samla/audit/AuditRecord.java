package se.samla.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One thing to write to the audit log.
 *
 * @param action     what happened, e.g. {@code LOGIN}, {@code CASE_OPENED}
 * @param objectType the kind of object it happened to, e.g. {@code person}, {@code case}
 * @param objectId   its id
 * @param details    further facts; no personal data beyond ids
 */
public record AuditRecord(Actor actor, String action, String objectType, String objectId, Map<String, String> details) {

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditRecord of(Actor actor, String action, String objectType, String objectId) {
        return new AuditRecord(actor, action, objectType, objectId, Map.of());
    }
}
