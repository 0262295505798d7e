package se.samla.audit;

import java.time.Instant;

/** An entry as stored. */
public record AuditEntry(
        long seq,
        Instant occurredAt,
        String actorType,
        String actorId,
        String action,
        String objectType,
        String objectId,
        String clientIp,
        String requestId,
        String details) {}
