package se.samla.cases;

import java.util.Optional;
import org.springframework.stereotype.Service;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.identity.People;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;

/**
 * Who sends an application from an e-service: the resident, or whom they act for as the right stands now, and whether
 * the application may be sent so (a company's e-service needs a company, a power of attorney must cover the case type,
 * and the form must have been filled in for whom the resident acts for now).
 */
@Service
class Senders {

    /**
     * @param principal whom the application is for, as forms name it ("KIND:identifier")
     * @param refusal   why it may not be sent so, with the message key and its arguments; else null
     */
    record Sender(CaseIntake.Reporter reporter, CaseIntake.OnBehalf onBehalf, String principal, FieldError refusal) {}

    private final People people;

    Senders(People people) {
        this.people = people;
    }

    /**
     * @param current  whom the resident acts for now, checked against its register; null without a resident
     * @param expected whom the form was filled in for, or null when it does not say
     */
    Sender of(CaseType type, Optional<SignedInUser.Resident> resident, Principal current, String expected) {
        if (resident.isEmpty()) {
            return new Sender(CaseIntake.Reporter.anonymous("anonymous"), null, null, null);
        }
        var r = resident.get();
        Principal p = current;
        String value = value(p);
        FieldError refusal = null;
        if (expected != null && !expected.equals(value)) {
            refusal = FieldError.of("principal", "acting-for.changed", p.name());
        } else if (type.definition().startedBy() == CaseTypeDefinition.Starter.BUSINESS && !p.isOrganisation()) {
            refusal = FieldError.of("principal", "acting-for.business-needed");
        } else if (!p.mayStart(type.code())) {
            refusal = FieldError.of("principal", "acting-for.not-covered", p.name());
        }
        if (p.isSelf()) {
            return new Sender(
                    new CaseIntake.Reporter(
                            r.personId(), r.displayName(), r.identityNumber().digits(), r.auditId()),
                    null,
                    value,
                    refusal);
        }
        var actor = new CaseIntake.OnBehalf(
                r.personId(),
                r.displayName(),
                r.identityNumber().digits(),
                p.kind().name(),
                p.isOrganisation() ? p.identifier() : null);
        return new Sender(
                p.isOrganisation()
                        ? new CaseIntake.Reporter(null, p.name(), null, r.auditId())
                        : new CaseIntake.Reporter(
                                people.idOf(p.identifier()).orElse(null), p.name(), p.identifier(), r.auditId()),
                actor,
                value,
                refusal);
    }

    /** How forms and drafts name a principal: "KIND:identifier". */
    static String value(Principal p) {
        return p.kind().name() + ":" + p.identifier();
    }
}
