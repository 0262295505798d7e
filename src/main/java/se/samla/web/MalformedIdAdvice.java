package se.samla.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one way a page answers an id that is not one: in the path it names nothing, so "not found", like an id of
 * someone else's; in a form or query it is a broken request. Pages declare ids as UUIDs and never parse them.
 * The case API answers in its own format (its advice comes first).
 */
@ControllerAdvice
class MalformedIdAdvice {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void malformed(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        MethodParameter parameter = e.getParameter();
        response.sendError(
                parameter.hasParameterAnnotation(PathVariable.class)
                        ? HttpStatus.NOT_FOUND.value()
                        : HttpStatus.BAD_REQUEST.value());
    }

    /** A path id of only spaces converts to nothing: it names nothing either. */
    @ExceptionHandler(MissingPathVariableException.class)
    void blank(MissingPathVariableException e, HttpServletResponse response) throws IOException {
        response.sendError(
                e.isMissingAfterConversion() ? HttpStatus.NOT_FOUND.value() : HttpStatus.INTERNAL_SERVER_ERROR.value());
    }
}
