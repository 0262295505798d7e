package se.samla.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How one channel says "the database is away, try again shortly": a module that owns a channel (pages,
 * the case API, Open311) gives one as a bean, in its own format and language. The status (503), the
 * Retry-After header and the request id are already set when {@link #write} is called; it writes the
 * content type and the body.
 */
public interface DatabaseOutageAnswer {

    /**
     * @param path the path within the tenant, without the installation's context path or a /t/{slug} prefix
     */
    boolean answers(String path);

    /**
     * @param basePath the path every link of the request's tenant starts with ("" or "/t/{slug}", after the
     *                 installation's context path)
     * @param path     as for {@link #answers}
     */
    void write(HttpServletRequest request, HttpServletResponse response, String basePath, String path)
            throws IOException;
}
