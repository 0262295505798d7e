package se.samla.cases;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Someone else changed the case since it was read; the change is refused and nothing is written. */
@ResponseStatus(HttpStatus.CONFLICT)
public class StaleCaseException extends RuntimeException {

    StaleCaseException() {
        super("the case was changed by someone else", null, false, false);
    }
}
