package se.samla.cases;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditEntry;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;

/**
 * A resident's own cases and data, as Mina sidor shows them: only cases they applied for, each reading of personal
 * data audited, each refusal audited and committed (the caller then answers "not found").
 */
@Service
class ResidentCases {

    private final CaseQueries cases;
    private final CaseWork work;
    private final AuditLog audit;

    private final se.samla.catalog.Catalog catalog;
    private final se.samla.identity.Representation representation;
    private final se.samla.identity.PopulationRegister population;

    ResidentCases(
            CaseQueries cases,
            CaseWork work,
            AuditLog audit,
            se.samla.catalog.Catalog catalog,
            se.samla.identity.Representation representation,
            se.samla.identity.PopulationRegister population) {
        this.population = population;
        this.catalog = catalog;
        this.representation = representation;
        this.cases = cases;
        this.work = work;
        this.audit = audit;
    }

    /** The resident's cases, for a page of their own data; the reading is audited under that page's name. */
    @Transactional
    List<StoredCase> read(SignedInUser.Resident resident, String action, Map<String, String> details) {
        var own =
                cases.ofApplicant(resident.personId(), resident.identityNumber().digits());
        // the record is chained when the transaction commits: with the reading, or neither is done
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                action,
                "person",
                resident.personId().toString(),
                details));
        return own;
    }

    /**
     * The cases of whom the resident acts for: their own, or, acting for someone, that principal's that the right
     * reaches (a power of attorney's case types; not a child's own confidential ones from the age its case type says).
     * The reading is audited, naming both.
     */
    @Transactional
    List<StoredCase> read(
            SignedInUser.Resident resident, Principal principal, String action, Map<String, String> details) {
        if (principal.isSelf()) {
            return read(resident, action, details);
        }
        var theirs = (principal.isOrganisation()
                        ? cases.ofOrganisation(principal.identifier())
                        : cases.ofPerson(principal.identifier()))
                .stream().filter(c -> reaches(resident, principal, c)).toList();
        Map<String, String> named = new java.util.LinkedHashMap<>(details);
        named.put("onBehalfOf", representation.auditName(principal));
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                action,
                "person",
                resident.personId().toString(),
                named));
        return theirs;
    }

    /** The cases of whom the resident acts for (or their own), unaudited: the caller audits the reading. */
    List<StoredCase> casesOf(SignedInUser.Resident resident, Principal principal) {
        if (principal.isSelf()) {
            return cases.ofApplicant(
                    resident.personId(), resident.identityNumber().digits());
        }
        return (principal.isOrganisation()
                        ? cases.ofOrganisation(principal.identifier())
                        : cases.ofPerson(principal.identifier()))
                .stream().filter(c -> reaches(resident, principal, c)).toList();
    }

    /** One case of whom the resident acts for, opened (audited, naming both); empty, with the refusal audited, else. */
    @Transactional
    Optional<StoredCase> open(SignedInUser.Resident resident, Principal principal, UUID caseId) {
        var c = own(resident, principal, caseId);
        c.ifPresent(found -> {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()),
                    "CASE_OPENED",
                    "case",
                    found.id().toString(),
                    principal.isSelf()
                            ? Map.of("by", "applicant")
                            : Map.of("by", "representative", "onBehalfOf", representation.auditName(principal))));
            work.markRead(found, true);
        });
        return c;
    }

    /** One case of whom the resident acts for, to act on; empty, with the refusal audited, else. */
    @Transactional
    Optional<StoredCase> own(SignedInUser.Resident resident, Principal principal, UUID caseId) {
        var c = cases.byId(caseId)
                .filter(found ->
                        principal.isSelf() ? isApplicant(resident, found) : reaches(resident, principal, found));
        if (c.isEmpty()) {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()),
                    "ACCESS_REFUSED",
                    "case",
                    caseId.toString(),
                    Map.of("by", principal.isSelf() ? "resident" : "representative")));
        }
        return c;
    }

    /**
     * One case of whom the resident acts for, to write in or answer for: as {@link #own(SignedInUser.Resident,
     * Principal, UUID)}, and a power of attorney must be active for its case type (a passive one only follows).
     */
    @Transactional
    Optional<StoredCase> act(SignedInUser.Resident resident, Principal principal, UUID caseId) {
        var c = own(resident, principal, caseId);
        if (c.isPresent() && !principal.mayAct(c.get().caseType())) {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()),
                    "ACCESS_REFUSED",
                    "case",
                    caseId.toString(),
                    Map.of("by", "representative", "reason", "passive authority")));
            return Optional.empty();
        }
        return c;
    }

    /** Whether acting for the principal reaches the case. */
    private boolean reaches(SignedInUser.Resident resident, Principal principal, StoredCase c) {
        String reader = resident.identityNumber().digits();
        return switch (principal.kind()) {
            case SELF -> false;
            case ORGANISATION -> principal.identifier().equals(c.applicantOrganisationNumber());
            case POWER_OF_ATTORNEY ->
                principal.identifier().equals(c.applicantIdentityNumber())
                        && c.applicantOrganisationNumber() == null
                        && principal.maySee(c.caseType());
            case CHILD -> {
                if (!principal.identifier().equals(c.applicantIdentityNumber())) {
                    yield false;
                }
                // what a guardian with a protected identity sent for the child does not reach the other guardian
                if (c.actorIdentityNumber() != null
                        && !c.actorIdentityNumber().equals(reader)
                        && population.hasProtectedIdentity(c.actorIdentityNumber())) {
                    yield false;
                }
                Integer from = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                        .map(t -> t.definition().childConfidentialFromAge())
                        .orElse(null);
                yield from == null || representation.age(principal.identifier()) < from;
            }
        };
    }

    /** One of the resident's own cases, opened (audited, its messages marked read); empty, with the refusal audited, else. */
    @Transactional
    Optional<StoredCase> open(SignedInUser.Resident resident, UUID caseId) {
        var c = own(resident, caseId);
        c.ifPresent(found -> {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()),
                    "CASE_OPENED",
                    "case",
                    found.id().toString(),
                    Map.of("by", "applicant")));
            work.markRead(found, true);
        });
        return c;
    }

    /** One of the resident's own cases, to act on; empty, with the refusal audited, else. */
    @Transactional
    Optional<StoredCase> own(SignedInUser.Resident resident, UUID caseId) {
        return own(resident, Principal.self(resident), caseId);
    }

    @Transactional
    void fileDownloaded(SignedInUser.Resident resident, UUID caseId, UUID fileId) {
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "FILE_DOWNLOADED",
                "attachment",
                fileId.toString(),
                Map.of("case", caseId.toString())));
    }

    /** What staff and the system did with these cases, from the audit log, newest first. */
    @Transactional(readOnly = true)
    List<AuditEntry> staffAccess(Collection<String> caseIds, Collection<String> actions) {
        return audit.about(CurrentTenant.require(), "case", caseIds, actions, 500);
    }

    /** The applicant: who submitted it, or the person a case made through the API names. */
    static boolean isApplicant(SignedInUser.Resident resident, StoredCase c) {
        return resident.personId().equals(c.applicantPersonId())
                || resident.identityNumber().digits().equals(c.applicantIdentityNumber());
    }
}
