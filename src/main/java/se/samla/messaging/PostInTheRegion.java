package se.samla.messaging;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import se.samla.shared.SwedishTime;
import se.samla.web.ResidentHoldings;

/** The resident's letters from a municipality, for Mina sidor of another in the region; each opens there. */
@Component
@org.springframework.core.annotation.Order(1)
class PostInTheRegion implements ResidentHoldings {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(SwedishTime.ZONE);

    private final Letters letters;

    PostInTheRegion(Letters letters) {
        this.letters = letters;
    }

    @Override
    public String headingKey() {
        return "post.region.heading";
    }

    @Override
    public List<Holding> of(UUID personId, Locale locale, int limit) {
        return letters.newestOf(personId, limit).stream()
                .map(letter -> new Holding(
                        letter.subject(),
                        DAY.format(letter.createdAt()),
                        "/mina-sidor/post/" + letter.id(),
                        letter.openedAt() == null))
                .toList();
    }
}
