package se.samla.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.catalog.Catalog;
import se.samla.shared.CurrentTenant;
import se.samla.web.ResidentTasks;

/**
 * What waits for a resident in their cases: applications to co-sign as guardian, completion requests on their
 * cases (or on the cases of those they act for), and their own unsent applications about to expire.
 */
@Component
class CaseTasks implements ResidentTasks {

    /** An unsent application this close to being removed is shown as something to do. */
    static final Duration DRAFT_WARNING = Duration.ofDays(7);

    private final ApplicationSignatures signatures;
    private final ResidentCases residents;
    private final Drafts drafts;
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    CaseTasks(
            ApplicationSignatures signatures,
            ResidentCases residents,
            Drafts drafts,
            Catalog catalog,
            JdbcClient jdbc,
            MessageSource messages,
            Clock clock) {
        this.signatures = signatures;
        this.residents = residents;
        this.drafts = drafts;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public List<Task> of(Whom whom, Locale locale) {
        List<Task> tasks = new ArrayList<>();
        if (whom.self()) {
            for (var request :
                    signatures.waitingFor(whom.resident().identityNumber().digits())) {
                tasks.add(new Task(
                        Kind.SIGNATURE,
                        text(
                                "todo.signature.title",
                                locale,
                                name(request.caseType(), request.caseTypeVersion(), locale)),
                        text("todo.signature.detail", locale, request.sender()),
                        request.signature().dueAt(),
                        false,
                        "/mina-sidor/underskrifter/" + request.signature().id()));
            }
            Instant soon = clock.instant().plus(DRAFT_WARNING);
            for (var draft : drafts.of(whom.personId())) {
                if (draft.expiresAt().isBefore(soon)) {
                    tasks.add(new Task(
                            Kind.DRAFT,
                            text("todo.draft.title", locale, name(draft.caseType(), draft.version(), locale)),
                            text("todo.draft.detail", locale),
                            draft.expiresAt(),
                            false,
                            "/e-tjanster/" + draft.caseType()));
                }
            }
        }
        Map<UUID, StoredCase> waiting = residents.casesOf(whom.resident(), whom.principal()).stream()
                .filter(c -> !c.closed() && c.waitingForResident())
                .collect(Collectors.toMap(StoredCase::id, c -> c));
        if (!waiting.isEmpty()) {
            jdbc.sql("""
                            SELECT case_id, min(due_on) AS due_on FROM cases.completion_request
                            WHERE tenant_id = :tenant AND case_id = ANY(:cases) AND answered_at IS NULL
                            GROUP BY case_id
                            """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("cases", waiting.keySet().toArray(UUID[]::new))
                    .query((rs, n) -> {
                        StoredCase c = waiting.get(rs.getObject("case_id", UUID.class));
                        LocalDate due = rs.getObject("due_on", LocalDate.class);
                        return tasks.add(new Task(
                                Kind.COMPLETION,
                                text("todo.completion.title", locale, name(c.caseType(), c.caseTypeVersion(), locale)),
                                text("todo.completion.detail", locale, c.reference()),
                                ResidentTasks.endOf(due),
                                false,
                                "/mina-sidor/arenden/" + c.id()));
                    })
                    .list();
        }
        return tasks;
    }

    private String name(String caseType, int version, Locale locale) {
        return catalog.version(CurrentTenant.require(), caseType, version)
                .map(t -> t.definition().name().in(locale))
                .orElse(caseType);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
