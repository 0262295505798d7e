package se.samla.cases;

import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** An API refusal, answered as RFC 9457 problem details with a list of fields and reasons. */
class ApiProblem extends RuntimeException {

    record FieldProblem(String field, String reason) {}

    final HttpStatus status;
    final List<FieldProblem> errors;

    ApiProblem(HttpStatus status, String detail, List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    ProblemDetail body() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create("https://samla.se/problems/" + status.value()));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Ahead of the pages' advice, which would answer a malformed id with an HTML page. */
    @RestControllerAdvice(assignableTypes = CaseApiController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Handler {

        @ExceptionHandler(ApiProblem.class)
        ResponseEntity<ProblemDetail> problem(ApiProblem e) {
            return ResponseEntity.status(e.status).body(e.body());
        }

        @ExceptionHandler(HttpMessageNotReadableException.class)
        ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
            return problem(new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "The request body is not valid JSON of the expected shape",
                    List.of(new FieldProblem("body", "unreadable"))));
        }

        /** A body that is JSON of the right shape but does not fit: every field that is wrong, at once. */
        @ExceptionHandler(MethodArgumentNotValidException.class)
        ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
            return problem(new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "The request body does not fit",
                    e.getFieldErrors().stream()
                            .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                            .sorted(java.util.Comparator.comparing(FieldProblem::field))
                            .toList()));
        }

        @ExceptionHandler(HandlerMethodValidationException.class)
        ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
            return problem(new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "A parameter is out of range",
                    e.getParameterValidationResults().stream()
                            .flatMap(r -> r.getResolvableErrors().stream()
                                    .map(error -> new FieldProblem(
                                            r.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                            .toList()));
        }

        @ExceptionHandler(MethodArgumentTypeMismatchException.class)
        ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
            return problem(new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "A parameter has the wrong type",
                    List.of(new FieldProblem(
                            e.getName(),
                            "expected "
                                    + (e.getRequiredType() == null
                                            ? "another type"
                                            : e.getRequiredType().getSimpleName())))));
        }
    }
}
