package se.samla.cases;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.ApiClient;

/**
 * What an API client may see of a case, decided from its token (unit, case type, highest confidentiality), with
 * every reading and every refusal audited. A refusal's entry is committed; the caller then answers 403.
 */
@Service
class ApiCases {

    /** A case as the client may read it, or why not: absent, or outside the token. */
    record Reach(Optional<StoredCase> visible, boolean exists) {}

    /** One case read in full: the case, its history and its messages. */
    record Read(StoredCase c, List<CaseQueries.StatusChange> history, List<CaseQueries.Message> messages) {}

    private final CaseQueries cases;
    private final AuditLog audit;

    ApiCases(CaseQueries cases, AuditLog audit) {
        this.cases = cases;
        this.audit = audit;
    }

    @Transactional
    Reach reach(ApiClient client, UUID id) {
        var c = cases.byId(id);
        if (c.isEmpty()) {
            return new Reach(Optional.empty(), false);
        }
        if (!covers(client, c.get())) {
            audit.record(new AuditRecord(
                    Actor.of(client.auditId()), "ACCESS_REFUSED", "case", id.toString(), Map.of("by", "api")));
            return new Reach(Optional.empty(), true);
        }
        return new Reach(c, true);
    }

    /** The case with its history and messages, the reading audited; empty as {@link #reach} found it. */
    @Transactional
    Optional<Read> read(ApiClient client, Reach reach) {
        return reach.visible().map(c -> {
            audit.record(new AuditRecord(
                    Actor.of(client.auditId()), "CASE_OPENED", "case", c.id().toString(), Map.of("by", "api")));
            return new Read(c, cases.history(c.id()), cases.messages(c.id()));
        });
    }

    private static boolean covers(ApiClient client, StoredCase c) {
        return client.coversUnit(c.unit())
                && client.coversCaseType(c.caseType())
                && client.maxConfidentiality().reaches(c.confidentiality());
    }
}
