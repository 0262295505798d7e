package se.samla.booking;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public key lock controllers check Samla's grants with: public, so it can be fetched and pinned. */
@RestController
class LockKeyController {

    private final LockMessages messages;

    LockKeyController(LockMessages messages) {
        this.messages = messages;
    }

    @GetMapping(value = "/lasnyckel", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> key() {
        return ResponseEntity.ok(messages.grantKeyPem());
    }
}
