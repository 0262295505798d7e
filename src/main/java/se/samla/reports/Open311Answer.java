package se.samla.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * Open311 GeoReport v2's documents, one record each. In XML a document is its root element and a list is the
 * repeated element of its singular name, as the specification's examples show (services/service,
 * attributes/attribute); in JSON the same documents are bare arrays where XML has a list root, which {@link #json()}
 * gives.
 */
sealed interface Open311Answer {

    /** The document as JSON clients receive it. */
    default Object json() {
        return this;
    }

    /** Dates as the specification shows them: ISO 8601 to the second, with the Swedish offset of that day. */
    static String date(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), SwedishTime.ZONE)
                        .toOffsetDateTime());
    }

    @JacksonXmlRootElement(localName = "services")
    record Services(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "service")
            List<Service> services)
            implements Open311Answer {

        @Override
        public Object json() {
            return services;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Service(
            String serviceCode,
            String serviceName,
            String description,
            boolean metadata,
            String type,
            String keywords,
            String group) {}

    @JacksonXmlRootElement(localName = "service_definition")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceDefinition(
            String serviceCode,

            @JacksonXmlElementWrapper(localName = "attributes") @JacksonXmlProperty(localName = "attribute")
            List<Attribute> attributes)
            implements Open311Answer {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Attribute(
            boolean variable,
            String code,
            String datatype,
            boolean required,
            String datatypeDescription,
            int order,
            String description,

            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            @JacksonXmlElementWrapper(localName = "values")
            @JacksonXmlProperty(localName = "value")
            List<Value> values) {}

    record Value(String key, String name) {}

    /** An entry of a service_requests document: a whole request, a new request's receipt, or a token's request. */
    sealed interface RequestEntry {}

    @JacksonXmlRootElement(localName = "service_requests")
    record ServiceRequests(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request")
            List<? extends RequestEntry> requests)
            implements Open311Answer {

        @Override
        public Object json() {
            return requests;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceRequest(
            String serviceRequestId,
            String status,
            String statusNotes,
            String serviceName,
            String serviceCode,
            String description,
            String agencyResponsible,
            String serviceNotice,
            String requestedDatetime,
            String updatedDatetime,
            String expectedDatetime,
            String address,
            String addressId,
            String zipcode,
            double lat,
            @JsonProperty("long") double longitude,
            String mediaUrl)
            implements RequestEntry {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Receipt(String serviceRequestId, String token, String serviceNotice, String accountId)
            implements RequestEntry {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenEntry(String serviceRequestId, String token) implements RequestEntry {}

    @JacksonXmlRootElement(localName = "service_request_updates")
    record ServiceRequestUpdates(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request_update")
            List<RequestUpdate> updates)
            implements Open311Answer {

        @Override
        public Object json() {
            return updates;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RequestUpdate(
            String updateId,
            String serviceRequestId,
            String status,
            String updatedDatetime,
            String description,
            String mediaUrl) {}

    @JacksonXmlRootElement(localName = "discovery")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Discovery(
            String changeset,
            String contact,
            String keyService,

            @JacksonXmlElementWrapper(localName = "endpoints") @JacksonXmlProperty(localName = "endpoint")
            List<Endpoint> endpoints)
            implements Open311Answer {}

    record Endpoint(
            String specification,
            String url,
            String changeset,
            String type,

            @JacksonXmlElementWrapper(localName = "formats") @JacksonXmlProperty(localName = "format")
            List<String> formats) {}

    @JacksonXmlRootElement(localName = "errors")
    record Errors(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "error")
            List<Error> errors) implements Open311Answer {

        static Errors of(int code, String description) {
            return new Errors(List.of(new Error(code, description)));
        }

        @Override
        public Object json() {
            return errors;
        }
    }

    record Error(int code, String description) {}
}
