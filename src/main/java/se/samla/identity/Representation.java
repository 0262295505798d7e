package se.samla.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/**
 * Whom a resident acts for ("Du agerar för"): themselves, a child they have custody of (population register), a
 * person who gave them a power of attorney here (Mina ombud), or an organisation they sign for (company register).
 * The choice is kept in the session, and checked again against the register it rests on every time it is used, so
 * a right that has lapsed stops the acting at once.
 */
@Service
public class Representation {

    /** Adulthood: a guardian acts for a child until the day the child turns 18. */
    static final int ADULT = 18;

    private static final String SESSION_KEY = Representation.class.getName() + ".principal";

    /** The resident may not act for that principal (never could, or no longer can). */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed() {
            super("Not allowed to act for that principal", null, false, false);
        }
    }

    private final PopulationRegister population;
    private final CompanyRegister companies;
    private final MinaOmbud ombud;
    private final People people;
    private final Tenants tenants;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Representation(
            PopulationRegister population,
            CompanyRegister companies,
            MinaOmbud ombud,
            People people,
            Tenants tenants,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.population = population;
        this.companies = companies;
        this.ombud = ombud;
        this.people = people;
        this.tenants = tenants;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Everyone the resident may act for now, themselves first.
     *
     * @param ombudAnswered whether Mina ombud answered; when it did not, powers of attorney are missing from the list
     */
    public record Choices(List<Principal> principals, boolean ombudAnswered) {}

    public Choices choices(SignedInUser.Resident resident) {
        List<Principal> choices = new ArrayList<>();
        choices.add(Principal.self(resident));
        String me = resident.identityNumber().digits();
        for (String child : population.childrenOf(me)) {
            if (isChild(child)) {
                choices.add(new Principal(
                        Principal.Kind.CHILD, child, population.name(child).orElse(child), "vardnad", null));
            }
        }
        boolean answered = true;
        try {
            for (var given : ombud.authoritiesOf(me, thirdParty(resident))) {
                choices.add(new Principal(
                        Principal.Kind.POWER_OF_ATTORNEY,
                        given.giverIdentityNumber(),
                        given.giverName(),
                        String.join(", ", given.powers()),
                        given.authorities()));
            }
        } catch (MinaOmbud.Unavailable e) {
            // a register that does not answer takes nothing else away: children and companies are still offered
            answered = false;
        }
        for (var organisation : companies.signsFor(me)) {
            choices.add(new Principal(
                    Principal.Kind.ORGANISATION,
                    organisation.organisationNumber(),
                    organisation.name(),
                    "firmatecknare",
                    null));
        }
        return new Choices(choices, answered);
    }

    /** The principal chosen in this session, as chosen: for showing only, never for acting. */
    public Principal chosen(HttpServletRequest request, SignedInUser.Resident resident) {
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null : session.getAttribute(SESSION_KEY);
        return chosen instanceof Principal principal && !principal.isSelf() ? principal : Principal.self(resident);
    }

    /**
     * Whom the resident acts for in this request, checked again now against its register; a right that has lapsed
     * is forgotten, audited, and the resident acts for themselves.
     */
    public Principal current(HttpServletRequest request, SignedInUser.Resident resident) {
        Principal chosen = chosen(request, resident);
        if (chosen.isSelf()) {
            return chosen;
        }
        // once a request: a page that asks several times asks the register once
        if (request.getAttribute(SESSION_KEY + ".checked") instanceof Principal checked && checked.sameAs(chosen)) {
            return checked;
        }
        Optional<Principal> still = recheck(resident, chosen);
        still.ifPresent(p -> request.setAttribute(SESSION_KEY + ".checked", p));
        if (still.isEmpty()) {
            request.getSession().removeAttribute(SESSION_KEY);
            record(resident, "ACTING_FOR_LAPSED", chosen);
            request.setAttribute(SESSION_KEY + ".lapsed", chosen);
            return Principal.self(resident);
        }
        return still.get();
    }

    /** The principal whose right lapsed in this request, if one did: the page says so. */
    public static Optional<Principal> lapsed(HttpServletRequest request) {
        return Optional.ofNullable((Principal) request.getAttribute(SESSION_KEY + ".lapsed"));
    }

    /**
     * The resident chooses whom to act for, from their choices as they are now.
     *
     * @throws NotAllowed when that is not one of them
     */
    public Principal choose(
            HttpServletRequest request, SignedInUser.Resident resident, Principal.Kind kind, String identifier) {
        // only the register the choice rests on is asked, so one that does not answer stops only its own kind
        Principal principal = kind == Principal.Kind.SELF
                ? Principal.self(resident)
                : recheck(resident, new Principal(kind, identifier, identifier, null, null))
                        .orElseThrow(NotAllowed::new);
        if (principal.isSelf()) {
            request.getSession().removeAttribute(SESSION_KEY);
        } else {
            request.getSession().setAttribute(SESSION_KEY, principal);
        }
        record(resident, "ACTING_FOR_CHOSEN", principal);
        return principal;
    }

    /** The principal, as its register says now; empty when the resident may no longer act for it. */
    Optional<Principal> recheck(SignedInUser.Resident resident, Principal principal) {
        String me = resident.identityNumber().digits();
        return switch (principal.kind()) {
            case SELF -> Optional.of(Principal.self(resident));
            case CHILD ->
                population.childrenOf(me).contains(principal.identifier()) && isChild(principal.identifier())
                        ? Optional.of(new Principal(
                                Principal.Kind.CHILD,
                                principal.identifier(),
                                population.name(principal.identifier()).orElse(principal.identifier()),
                                "vardnad",
                                null))
                        : Optional.empty();
            case ORGANISATION ->
                companies.signsFor(me).stream()
                        .filter(o -> o.organisationNumber().equals(principal.identifier()))
                        .findFirst()
                        .map(o -> new Principal(
                                Principal.Kind.ORGANISATION, o.organisationNumber(), o.name(), "firmatecknare", null));
            case POWER_OF_ATTORNEY -> {
                try {
                    yield ombud.authoritiesOf(me, thirdParty(resident)).stream()
                            .filter(g -> g.giverIdentityNumber().equals(principal.identifier()))
                            .findFirst()
                            .map(g -> new Principal(
                                    Principal.Kind.POWER_OF_ATTORNEY,
                                    principal.identifier(),
                                    g.giverName(),
                                    String.join(", ", g.powers()),
                                    g.authorities()));
                } catch (MinaOmbud.Unavailable e) {
                    // a power of attorney that cannot be checked is not acted on
                    yield Optional.empty();
                }
            }
        };
    }

    /** The age in whole years of a person, from their personal identity number (a coordination number's day less 60). */
    public int age(String personalIdentityNumber) {
        int day = Integer.parseInt(personalIdentityNumber.substring(6, 8));
        LocalDate born = LocalDate.of(
                Integer.parseInt(personalIdentityNumber.substring(0, 4)),
                Integer.parseInt(personalIdentityNumber.substring(4, 6)),
                day > 60 ? day - 60 : day);
        return Period.between(born, LocalDate.now(clock.withZone(SwedishTime.ZONE)))
                .getYears();
    }

    private boolean isChild(String personalIdentityNumber) {
        return age(personalIdentityNumber) < ADULT;
    }

    private String thirdParty(SignedInUser.Resident resident) {
        return tenants.byId(resident.tenantId())
                .orElseThrow()
                .organisationNumber()
                .digits();
    }

    private void record(SignedInUser.Resident resident, String action, Principal principal) {
        transactions.executeWithoutResult(status -> audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                action,
                "person",
                resident.personId().toString(),
                Map.of("principal", auditName(principal)))));
    }

    /**
     * How the audit log names a principal: an organisation by its number, a person by their id in Samla (never by
     * their personal identity number, which the log would keep past every disposal).
     */
    public String auditName(Principal principal) {
        if (principal.isOrganisation()) {
            return "ORGANISATION:" + principal.identifier();
        }
        return principal.kind().name() + ":"
                + people.idOf(principal.identifier()).map(id -> "person:" + id).orElse("not registered here");
    }
}
