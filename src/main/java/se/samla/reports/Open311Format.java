package se.samla.reports;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The two formats GeoReport v2 names. A call asks for one by its path's extension (requests.json), or else by its
 * Accept header; XML, the format the specification requires, when it asks for neither.
 */
enum Open311Format {
    XML(MediaType.parseMediaType("text/xml;charset=UTF-8")),
    JSON(MediaType.parseMediaType("application/json;charset=UTF-8"));

    final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * @param path   the request's path; its last part's extension, if any, must be xml or json
     * @param accept the Accept header, or null
     * @throws Open311Refusal for another extension (answered in XML)
     */
    static Open311Format requested(String path, String accept) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot >= 0) {
            String extension = last.substring(dot + 1);
            return switch (extension) {
                case "xml" -> XML;
                case "json" -> JSON;
                default -> throw Open311Refusal.notFound("format " + extension + " not supported: use xml or json");
            };
        }
        return accepted(accept);
    }

    /** The format an error is in: the one asked for, or XML when the path asks for one Open311 does not have. */
    static Open311Format forError(String path, String accept) {
        try {
            return requested(path, accept);
        } catch (Open311Refusal unknownExtension) {
            return XML;
        }
    }

    /** A path's last part without its format extension: "gatubelysning.json" is gatubelysning. */
    static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** JSON if the client ranks it above XML; XML on a tie (any type at all) and for a header that cannot be read. */
    private static Open311Format accepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return XML;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return XML;
        }
        double json = 0;
        double xml = 0;
        for (MediaType type : types) {
            if (type.includes(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
            if (type.includes(MediaType.TEXT_XML) || type.includes(MediaType.APPLICATION_XML)) {
                xml = Math.max(xml, type.getQualityValue());
            }
        }
        return json > xml ? JSON : XML;
    }
}
