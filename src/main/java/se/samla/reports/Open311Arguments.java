package se.samla.reports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The arguments of Open311's methods under the specification's names, bound from the query or form; an empty
 * argument counts as not given. A list argument may repeat or be comma-separated.
 */
final class Open311Arguments {

    private Open311Arguments() {}

    /** The municipality a call is for: jurisdiction_id, or the host or path prefix it came by. */
    record Jurisdiction(String id, String host) {}

    record ServiceQuery(@BindParam("jurisdiction_id") String jurisdictionId) {}

    record NewRequest(
            @BindParam("jurisdiction_id") String jurisdictionId,
            @BindParam("api_key") String apiKey,
            @BindParam("service_code") String serviceCode,
            String lat,
            @BindParam("long") String longitude,
            @BindParam("address_string") String addressString,
            @BindParam("address_id") String addressId,
            String email,
            @BindParam("first_name") String firstName,
            @BindParam("last_name") String lastName,
            String description) {

        /** The person's name as one text, or null. */
        String name() {
            String name = String.join(
                    " ", Stream.of(firstName, lastName).filter(n -> n != null).toList());
            return name.isBlank() ? null : name;
        }
    }

    /**
     * A new request's answers to its service's questions, from the arguments attribute[code] (one value) and
     * attribute[code][] (several).
     */
    record Attributes(Map<String, List<String>> byCode) {}

    record RequestSearch(
            @BindParam("jurisdiction_id") String jurisdictionId,
            @BindParam("service_request_id") List<String> serviceRequestIds,
            @BindParam("service_code") List<String> serviceCodes,
            List<String> status,
            @BindParam("start_date") String startDate,
            @BindParam("end_date") String endDate,

            @Min(value = 1, message = PAGE_SIZE)
            @Max(value = Open311Service.DEFAULT_PAGE_SIZE, message = PAGE_SIZE)
            @BindParam("page_size")
            Integer pageSize,

            @Min(value = 1, message = PAGE) @Max(value = 1_000_000, message = PAGE)
            Integer page) {}

    record UpdateSearch(
            @BindParam("jurisdiction_id") String jurisdictionId,
            @BindParam("service_request_id") List<String> serviceRequestIds,
            @BindParam("start_date") String startDate,
            @BindParam("end_date") String endDate,

            @Min(value = 1, message = PAGE_SIZE)
            @Max(value = Open311Service.DEFAULT_PAGE_SIZE, message = PAGE_SIZE)
            @BindParam("page_size")
            Integer pageSize,

            @Min(value = 1, message = PAGE) @Max(value = 1_000_000, message = PAGE)
            Integer page) {}

    record NewUpdate(
            @BindParam("jurisdiction_id") String jurisdictionId,
            @BindParam("api_key") String apiKey,
            @BindParam("service_request_id") String serviceRequestId,
            String status,

            @Size(max = 2000, message = "at most 2000 characters")
            String description) {}

    private static final String PAGE_SIZE = "a whole number from 1 to " + Open311Service.DEFAULT_PAGE_SIZE;
    private static final String PAGE = "a whole number from 1 to 1000000";
}
