package se.samla.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.People;
import se.samla.identity.SignedInUser;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import se.samla.web.ResidentHoldings;

/**
 * One Mina sidor for the region: what a resident logged in at one municipality has at the others of the installation
 * (their cases, unfinished applications, and what other modules keep for them there: post, bookings), found by their
 * personal identity number. Each municipality is read in a transaction of its own, and each records the reading in
 * its own audit log; nothing of a municipality's staff side is read. Acting for someone else, only the municipality
 * logged in at is shown.
 */
@Service
class ResidentElsewhere {

    /** What the resident has at one other municipality. */
    record Elsewhere(Tenant tenant, List<StoredCase> cases, List<Drafts.Draft> drafts, List<Holdings> holdings) {

        boolean isEmpty() {
            return cases.isEmpty() && drafts.isEmpty() && holdings.isEmpty();
        }

        /** What was shown of the resident's, for the audit: "cases,drafts" and each other part's heading key. */
        String parts() {
            List<String> shown = new ArrayList<>();
            if (!cases.isEmpty()) {
                shown.add("cases");
            }
            if (!drafts.isEmpty()) {
                shown.add("drafts");
            }
            holdings.forEach(h -> shown.add(h.headingKey()));
            return String.join(",", shown);
        }
    }

    /**
     * One other module's part there, under its heading; never empty.
     *
     * @param more whether there are more than listed
     */
    record Holdings(String headingKey, List<ResidentHoldings.Holding> items, boolean more) {}

    /** Of each other module's part, no more than this is listed; the rest is a link away, at that municipality. */
    static final int HOLDINGS_SHOWN = 10;

    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final CaseQueries cases;
    private final Drafts drafts;
    private final People people;
    private final AuditLog audit;
    private final List<ResidentHoldings> kept;

    ResidentElsewhere(
            Tenants tenants,
            TenantTransactions transactions,
            CaseQueries cases,
            Drafts drafts,
            People people,
            AuditLog audit,
            List<ResidentHoldings> kept) {
        this.kept = kept;
        this.tenants = tenants;
        this.transactions = transactions;
        this.cases = cases;
        this.drafts = drafts;
        this.people = people;
        this.audit = audit;
    }

    /**
     * Only for the resident's own matters, not while acting for someone else, and only on an e-ID of at least
     * substantial assurance (level 3): what another municipality holds is shown on this login's word.
     */
    List<Elsewhere> of(SignedInUser.Resident resident, se.samla.identity.Principal principal, Locale locale) {
        if (!principal.isSelf() || resident.assuranceLevelNumber() < 3) {
            return List.of();
        }
        String number = resident.identityNumber().digits();
        String home = tenants.byId(resident.tenantId()).map(Tenant::slug).orElse("?");
        List<Elsewhere> found = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            if (tenant.id().equals(resident.tenantId())) {
                continue;
            }
            Elsewhere elsewhere = transactions.call(tenant.id(), () -> {
                List<StoredCase> theirs = cases.ofIdentityNumber(number);
                Optional<UUID> person = people.idOf(number);
                List<Drafts.Draft> unfinished = person.map(drafts::of).orElse(List.of());
                List<Holdings> holdings = new ArrayList<>();
                person.ifPresent(id -> {
                    for (ResidentHoldings part : kept) {
                        var items = part.of(id, locale, HOLDINGS_SHOWN + 1);
                        if (!items.isEmpty()) {
                            holdings.add(new Holdings(
                                    part.headingKey(),
                                    List.copyOf(items.subList(0, Math.min(items.size(), HOLDINGS_SHOWN))),
                                    items.size() > HOLDINGS_SHOWN));
                        }
                    }
                });
                var there = new Elsewhere(tenant, theirs, unfinished, List.copyOf(holdings));
                if (!there.isEmpty()) {
                    // the reading is this municipality's to record, in the same transaction
                    audit.record(new AuditRecord(
                            Actor.of(resident.auditId()),
                            "PERSONAL_DATA_READ",
                            "person",
                            person.map(Object::toString).orElse("unknown"),
                            Map.of("page", "mina-sidor", "loggedInAt", home, "shown", there.parts())));
                }
                return there;
            });
            if (!elsewhere.isEmpty()) {
                found.add(elsewhere);
            }
        }
        return found;
    }
}
