package se.samla.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.Principal;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;

/**
 * "Att göra": what waits for a resident and for everyone they act for, gathered from every module, soonest
 * deadline first.
 */
@Service
public class ToDoList {

    /** What waits for one person or organisation; for the resident themselves, whom is their own principal. */
    public record Group(Principal whom, List<ResidentTasks.Task> tasks) {}

    private static final Comparator<ResidentTasks.Task> SOONEST = Comparator.comparing(
                    ResidentTasks.Task::due, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ResidentTasks.Task::kind);

    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(se.samla.shared.SwedishTime.ZONE);
    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(se.samla.shared.SwedishTime.ZONE);

    private final List<ResidentTasks> modules;
    private final Representation representation;
    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final org.springframework.context.MessageSource messages;
    // the header's count on every page is kept a little while, per municipality and person; Mina sidor's own list
    // is always made afresh and renews it
    private final com.github.benmanes.caffeine.cache.Cache<String, Integer> counts;

    ToDoList(
            List<ResidentTasks> modules,
            Representation representation,
            TenantTransactions transactions,
            AuditLog audit,
            org.springframework.context.MessageSource messages,
            @org.springframework.beans.factory.annotation.Value("${samla.web.todo-count-cache:PT30S}")
                    java.time.Duration countKept) {
        this.messages = messages;
        this.counts = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .expireAfterWrite(countKept)
                .maximumSize(100_000)
                .build();
        this.modules = List.copyOf(modules);
        this.representation = representation;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * What waits for the resident and those they act for (children, those who gave a power of attorney,
     * organisations they sign for), the resident first, then each other with something waiting. The reading is
     * audited once.
     */
    public List<Group> of(SignedInUser.Resident resident, Locale locale) {
        List<Principal> whom = representation.choices(resident).principals();
        return transactions.call(CurrentTenant.require(), () -> {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()),
                    "PERSONAL_DATA_READ",
                    "person",
                    resident.personId().toString(),
                    Map.of("page", "att-gora", "for", Integer.toString(whom.size()))));
            List<Group> groups = new ArrayList<>();
            for (Principal principal : whom) {
                var tasks = gather(new ResidentTasks.Whom(resident, principal), locale);
                if (principal.isSelf()) {
                    counts.put(countKey(resident), tasks.size());
                }
                if (principal.isSelf() || !tasks.isEmpty()) {
                    groups.add(new Group(principal, tasks));
                }
            }
            return List.copyOf(groups);
        });
    }

    /**
     * The same, as the page shows it, in the reader's language. What waits for whom the resident acts for now links
     * straight to where it is done; what waits for anyone else comes with the choice that makes the resident act for
     * them, since the pages it links to follow that choice.
     */
    public List<ToDoView.Group> view(SignedInUser.Resident resident, Principal actingFor, Locale locale) {
        return of(resident, locale).stream()
                .map(group -> new ToDoView.Group(
                        group.whom().isSelf()
                                ? text("todo.for-self", locale)
                                : text("todo.for-other", locale, group.whom().name()),
                        group.whom().sameAs(actingFor)
                                ? null
                                : group.whom().kind().name() + ":"
                                        + group.whom().identifier(),
                        group.whom().name(),
                        group.tasks().stream()
                                .map(task -> new ToDoView.Item(
                                        text("todo.kind." + task.kind(), locale),
                                        task.title(),
                                        task.detail(),
                                        task.due() == null
                                                ? null
                                                : text(
                                                        "todo.due",
                                                        locale,
                                                        (task.withTime() ? MINUTE : DAY).format(task.due())),
                                        task.path()))
                                .toList()))
                .toList();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /**
     * How many things wait for the resident themselves, for the header of every page. Not audited: it shows a number
     * and nothing of what the things are. Those they act for are not counted here, since finding them asks registers
     * outside Samla (Mina ombud) on every page; their tasks are on the list itself. The count may be as old as
     * samla.web.todo-count-cache (30 seconds); Mina sidor's list renews it.
     */
    public int countOwn(SignedInUser.Resident resident) {
        return counts.get(
                countKey(resident),
                key -> transactions.read(
                        CurrentTenant.require(),
                        () -> gather(new ResidentTasks.Whom(resident, Principal.self(resident)), Locale.ROOT)
                                .size()));
    }

    private static String countKey(SignedInUser.Resident resident) {
        return CurrentTenant.require() + ":" + resident.personId();
    }

    private List<ResidentTasks.Task> gather(ResidentTasks.Whom whom, Locale locale) {
        List<ResidentTasks.Task> tasks = new ArrayList<>();
        modules.forEach(module -> tasks.addAll(module.of(whom, locale)));
        tasks.sort(SOONEST);
        return List.copyOf(tasks);
    }
}
