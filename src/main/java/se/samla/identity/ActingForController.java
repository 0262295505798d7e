package se.samla.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** "Du agerar för": the resident chooses whom they act for, among those the registers say they may. */
@Controller
class ActingForController {

    private final Representation representation;

    ActingForController(Representation representation) {
        this.representation = representation;
    }

    @GetMapping("/mina-sidor/agera-for")
    String choices(HttpServletRequest request, Model model) {
        var resident = resident();
        Principal current = representation.current(request, resident);
        var offered = representation.choices(resident);
        List<ActingForView.Choice> choices = offered.principals().stream()
                .map(p -> new ActingForView.Choice(
                        p.kind().name(),
                        p.identifier(),
                        p.name(),
                        p.kind() == Principal.Kind.POWER_OF_ATTORNEY
                                ? String.join(", ", p.authorities().keySet())
                                : null,
                        p.sameAs(current)))
                .toList();
        model.addAttribute(
                "acting", new ActingForView(choices, offered.ombudAnswered() ? null : "acting-for.ombud-unavailable"));
        return "identity/acting-for";
    }

    @PostMapping("/mina-sidor/agera-for")
    String choose(@RequestParam("val") String choice, HttpServletRequest request) {
        var resident = resident();
        int colon = choice.indexOf(':');
        Principal.Kind kind;
        try {
            kind = Principal.Kind.valueOf(colon < 0 ? "" : choice.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "acting-for.unknown");
        }
        try {
            representation.choose(request, resident, kind, choice.substring(colon + 1));
        } catch (Representation.NotAllowed | MinaOmbud.Unavailable e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "acting-for.not-allowed");
        }
        return "redirect:/mina-sidor";
    }

    private static SignedInUser.Resident resident() {
        return CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
