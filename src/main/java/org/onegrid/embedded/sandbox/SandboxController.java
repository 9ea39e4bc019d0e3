package org.onegrid.embedded.sandbox;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /sandbox/changes?count=10&kind=MOVE}: makes live changes in the sandbox departments. */
@RestController
@ConditionalOnProperty(name = "onegrid.sandbox.enabled", havingValue = "true")
class SandboxController {

    private final Sandbox sandbox;

    SandboxController(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @PostMapping("/sandbox/changes")
    Map<LiveChanges.Kind, Integer> changes(@RequestParam(defaultValue = "10") int count,
                                           @RequestParam(required = false) List<LiveChanges.Kind> kind) {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("count must be between 1 and 10,000");
        }
        return sandbox.changes().apply(count, kind == null ? List.of() : kind);
    }
}
