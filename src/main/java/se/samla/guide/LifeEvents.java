package se.samla.guide;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import se.samla.shared.LocalizedText;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Every tenant's life events: its own file when it has one, else the installation's shared default set. A tenant's
 * own file must name only what the tenant offers; the shared set names what municipalities commonly offer, so a
 * tenant without one of them simply does not show it, but a name that no tenant offers is a mistake.
 */
@Service
class LifeEvents implements LifeEventHeadings {

    /** A life event with what it gathers, as the tenant offers it now. */
    record Gathered(LifeEvent event, List<GuideItem> items) {}

    private final Map<TenantId, LifeEventFiles.Read> files = new HashMap<>();
    private final Map<TenantId, Boolean> shared = new HashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    LifeEvents(Tenants tenants, @Value("${samla.guide.life-events:config/life-events.yml}") Path defaults) {
        LifeEventFiles.Read defaultSet = Files.isRegularFile(defaults) ? LifeEventFiles.read(defaults) : null;
        for (Tenant tenant : tenants.all()) {
            Path own = tenants.configurationDirectory(tenant.id()).resolve("life-events.yml");
            if (Files.isRegularFile(own)) {
                files.put(tenant.id(), LifeEventFiles.read(own));
                shared.put(tenant.id(), false);
            } else if (defaultSet != null) {
                files.put(tenant.id(), defaultSet);
                shared.put(tenant.id(), true);
            }
        }
    }

    /** Each tenant's file as read, and which tenants have the shared default set. */
    LifeEvents(Map<TenantId, LifeEventFiles.Read> files, Set<TenantId> onSharedSet) {
        files.forEach((tenant, file) -> {
            this.files.put(tenant, file);
            this.shared.put(tenant, onSharedSet.contains(tenant));
        });
    }

    /**
     * Checks what every tenant's life events refer to against what the modules offer, and stops the start on the
     * first that is not there.
     */
    void check(Map<TenantId, List<GuideItem>> offeredByTenant) {
        Map<LifeEventFiles.Read, Set<String>> offeredAnywhere = new LinkedHashMap<>();
        for (var entry : files.entrySet()) {
            Set<String> offered = keys(offeredByTenant.getOrDefault(entry.getKey(), List.of()));
            if (shared.get(entry.getKey())) {
                offeredAnywhere
                        .computeIfAbsent(entry.getValue(), f -> new java.util.HashSet<>())
                        .addAll(offered);
            } else {
                checkNamed(entry.getValue(), offered, " this municipality offers");
            }
        }
        offeredAnywhere.forEach((file, offered) -> checkNamed(file, offered, " any municipality offers"));
    }

    private static void checkNamed(LifeEventFiles.Read file, Set<String> offered, String whose) {
        for (int i = 0; i < file.events().size(); i++) {
            LifeEvent event = file.events().get(i);
            checkNamed(file, "[" + i + "].eServices", event.eServices(), GuideItem.Kind.ESERVICE, offered, whose);
            checkNamed(file, "[" + i + "].reports", event.reports(), GuideItem.Kind.REPORT, offered, whose);
            checkNamed(file, "[" + i + "].facilities", event.facilities(), GuideItem.Kind.FACILITY, offered, whose);
        }
    }

    private static void checkNamed(
            LifeEventFiles.Read file,
            String field,
            List<String> codes,
            GuideItem.Kind kind,
            Set<String> offered,
            String whose) {
        for (int j = 0; j < codes.size(); j++) {
            if (!offered.contains(key(kind, codes.get(j)))) {
                throw file.invalid(field + "[" + j + "]", "'" + codes.get(j) + "' is not " + article(kind) + whose);
            }
        }
    }

    private static String article(GuideItem.Kind kind) {
        return switch (kind) {
            case ESERVICE -> "an e-service";
            case REPORT -> "a problem-report category";
            case FACILITY -> "a facility";
            default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The tenant's life events, each with what it gathers of what the tenant offers, in the file's order. */
    List<Gathered> of(TenantId tenant, List<GuideItem> offered) {
        LifeEventFiles.Read file = files.get(tenant);
        if (file == null) {
            return List.of();
        }
        Map<String, GuideItem> byKey =
                offered.stream().collect(Collectors.toMap(i -> key(i.kind(), i.code()), i -> i, (a, b) -> a));
        List<Gathered> gathered = new ArrayList<>();
        for (LifeEvent event : file.events()) {
            List<GuideItem> items = new ArrayList<>();
            event.eServices().forEach(code -> add(items, byKey, GuideItem.Kind.ESERVICE, code));
            event.reports().forEach(code -> add(items, byKey, GuideItem.Kind.REPORT, code));
            event.facilities().forEach(code -> add(items, byKey, GuideItem.Kind.FACILITY, code));
            event.pages().forEach(page -> items.add(page(page)));
            // a shared event of which this tenant offers nothing is not shown at all
            if (!items.isEmpty()) {
                gathered.add(new Gathered(event, List.copyOf(items)));
            }
        }
        return gathered;
    }

    Optional<Gathered> of(TenantId tenant, String code, List<GuideItem> offered) {
        return of(tenant, offered).stream()
                .filter(g -> g.event().code().equals(code))
                .findFirst();
    }

    @Override
    public List<Heading> headings(TenantId tenant) {
        LifeEventFiles.Read file = files.get(tenant);
        if (file == null) {
            return List.of();
        }
        return file.events().stream()
                .map(event -> {
                    List<String> codes = new ArrayList<>(event.eServices());
                    codes.addAll(event.reports());
                    return new Heading(event.code(), event.name(), List.copyOf(codes));
                })
                .toList();
    }

    /** The life events that gather something here, and their pages, as the search finds them. */
    List<GuideItem> searchable(TenantId tenant, List<GuideItem> offered) {
        Map<String, GuideItem> items = new LinkedHashMap<>();
        for (Gathered gathered : of(tenant, offered)) {
            LifeEvent event = gathered.event();
            items.put(
                    "event:" + event.code(),
                    new GuideItem(
                            GuideItem.Kind.LIFE_EVENT,
                            event.code(),
                            event.name(),
                            event.summary(),
                            "/livshandelser/" + event.code(),
                            event.keywords(),
                            null));
            event.pages().forEach(page -> items.putIfAbsent("page:" + page.url(), page(page)));
        }
        return List.copyOf(items.values());
    }

    private static GuideItem page(LifeEvent.InformationPage page) {
        return new GuideItem(
                GuideItem.Kind.PAGE,
                page.url(),
                page.title(),
                page.summary() == null ? new LocalizedText("", "") : page.summary(),
                page.url(),
                List.of(),
                null);
    }

    private static void add(List<GuideItem> items, Map<String, GuideItem> byKey, GuideItem.Kind kind, String code) {
        GuideItem item = byKey.get(key(kind, code));
        if (item != null) {
            items.add(item);
        }
    }

    private static Set<String> keys(List<GuideItem> items) {
        return items.stream().map(i -> key(i.kind(), i.code())).collect(Collectors.toSet());
    }

    private static String key(GuideItem.Kind kind, String code) {
        return kind + ":" + code;
    }
}
