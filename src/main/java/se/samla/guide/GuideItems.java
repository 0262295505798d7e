package se.samla.guide;

import java.util.List;
import se.samla.shared.TenantId;

/**
 * What a module offers residents, for the life events and the search index. Called at start, to check the life
 * events' references and build the index, and again now and then to bring the index up to date.
 */
public interface GuideItems {

    List<GuideItem> items(TenantId tenant);
}
