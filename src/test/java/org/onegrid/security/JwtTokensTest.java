package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onegrid.testing.TestTokens;

/** Bearer tokens are accepted only when signed by the configured provider, for us, now, with a subject. */
class JwtTokensTest {

    private static BearerTokens tokens;

    @BeforeAll
    static void configure() {
        TestTokens.provider();
        tokens = JwtTokens.of(TestTokens.JWKS, TestTokens.ISSUER, TestTokens.AUDIENCE);
    }

    @Test
    void acceptsATokenOfTheProviderAndTellsItsSubject() {
        assertThat(tokens.subject(TestTokens.provider().token("street-office"))).contains("street-office");
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        assertThat(tokens.subject(TestTokens.forger().token("street-office"))).isEmpty();
    }

    @Test
    void refusesAnExpiredToken() {
        assertThat(tokens.subject(TestTokens.provider().token("street-office", TestTokens.ISSUER, TestTokens.AUDIENCE, -5))).isEmpty();
    }

    @Test
    void refusesAnotherIssuerOrAudience() {
        assertThat(tokens.subject(TestTokens.provider().token("street-office", "https://elsewhere", TestTokens.AUDIENCE, 10))).isEmpty();
        assertThat(tokens.subject(TestTokens.provider().token("street-office", TestTokens.ISSUER, "another-service", 10))).isEmpty();
    }

    @Test
    void refusesAnUnsignedToken() {
        String header = base64("{\"alg\":\"none\"}");
        String claims = base64("{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE
                + "\",\"sub\":\"street-office\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}");
        assertThat(tokens.subject(header + "." + claims + ".")).isEmpty();
    }

    @Test
    void refusesGarbage() {
        assertThat(tokens.subject("not a token")).isEmpty();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
