package org.onegrid.security;

import java.util.Optional;

/** Checks a bearer token and says whose it is; a token that fails any check stands for nobody. */
@FunctionalInterface
public interface BearerTokens {

    /** No tokens are configured: every token is refused. */
    BearerTokens NONE = token -> Optional.empty();

    /** The token's subject, when its signature, issuer, audience and lifetime check out. */
    Optional<String> subject(String token);
}
