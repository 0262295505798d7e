package se.samla.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Where the identity provider sends the person back after signing (the redirect URI of a sign request). */
@Controller
class SigningController {

    private final ESignatures signatures;

    SigningController(ESignatures signatures) {
        this.signatures = signatures;
    }

    @GetMapping(ESignatures.CALLBACK)
    String answer(
            @RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "code", required = false) String code,
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "error_description", required = false) String description,
            HttpServletRequest request) {
        String next = signatures.complete(request, state, code, error, description);
        if (next == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "signing.unknown");
        }
        return "redirect:" + next;
    }
}
