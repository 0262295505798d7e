package se.samla.reports.view;

import java.util.List;
import se.samla.reports.MapView;
import se.samla.web.FieldView;

/** The form for a new report of one category, with what was typed and what is wrong. */
public record ReportFormView(
        String category,
        String categoryName,
        String submissionId,
        List<FieldView> fields,
        String latitude,
        String longitude,
        String address,
        String placeError,
        List<Photo> photos,
        String photoError,
        int maxPhotos,
        List<Error> errors,
        List<Duplicate> duplicates,
        MapView map) {

    public record Photo(String id, String name, long kilobytes) {}

    public record Error(String field, String message) {}

    public record Duplicate(String publicId, String status, String reported, int metres, int supporters) {}
}
