package se.samla.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How one channel says no before any controller of it ran (a broken request, text that cannot be stored,
 * too many requests, the database away): a module that owns a channel (pages, the case API, Open311)
 * gives one as a bean, in its own format and language. The status and headers are set when
 * {@link #write} is called; it writes the content type and the body.
 */
public interface ChannelErrorAnswer {

    /**
     * @param status the HTTP status
     * @param kind   what a page calls it: the message keys error.{kind}.title and .text
     * @param detail one sentence for a client that reads it (API, Open311), in English
     */
    record Refusal(int status, String kind, String detail) {}

    /**
     * @param path the path within the tenant, without the installation's context path or a /t/{slug} prefix
     */
    boolean answers(String path);

    /** Whether this is the answer for a person's browser: a page, which MVC can also render itself. */
    default boolean isPage() {
        return false;
    }

    /**
     * @param basePath the path every link of the request's tenant starts with ("" or "/t/{slug}", after the
     *                 installation's context path)
     * @param path     as for {@link #answers}
     */
    void write(HttpServletRequest request, HttpServletResponse response, String basePath, String path, Refusal refusal)
            throws IOException;
}
