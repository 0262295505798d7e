package se.samla.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body that cannot be read (no closing boundary, no boundary at all, a part without headers) is
 * the client's mistake, answered 400; one that is too large is 413. Both in the channel's own format.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MultipartAdvice {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(ErrorPageController.DETAIL, "The request is larger than the 50 MB this server takes");
        response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    }

    @ExceptionHandler(MultipartException.class)
    void unreadable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(ErrorPageController.DETAIL, "The multipart body cannot be read");
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
}
