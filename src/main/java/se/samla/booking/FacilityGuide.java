package se.samla.booking;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.guide.GuideItem;
import se.samla.guide.GuideItems;
import se.samla.shared.TenantId;

/** The tenant's facilities to book, for the life events and the one search; found also by their kind ("hall"). */
@Component
class FacilityGuide implements GuideItems {

    private final Resources resources;
    private final MessageSource messages;

    FacilityGuide(Resources resources, MessageSource messages) {
        this.resources = resources;
        this.messages = messages;
    }

    @Override
    public List<GuideItem> items(TenantId tenant) {
        return resources.of(tenant).stream()
                .map(resource -> new GuideItem(
                        GuideItem.Kind.FACILITY,
                        resource.code(),
                        resource.name(),
                        resource.description(),
                        "/lokaler/" + resource.code(),
                        List.of(
                                kind(resource, Locale.forLanguageTag("sv")),
                                kind(resource, Locale.ENGLISH),
                                resource.place() == null ? "" : resource.place().address()),
                        null))
                .toList();
    }

    private String kind(Resource resource, Locale locale) {
        return messages.getMessage("booking.kind." + resource.kind().name(), null, locale);
    }
}
