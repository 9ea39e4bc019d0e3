package org.onegrid.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A made-up identity provider for tests: an RSA key whose public half is written as a JWKS file, and tokens it signs
 * ({@code TestTokens.provider().token("street-office")}); also a second provider whose tokens are forgeries.
 */
public final class TestTokens {

    public static final String ISSUER = "https://id.example.city";
    public static final String AUDIENCE = "onegrid";
    public static final Path JWKS = TestSubscribers.SECRETS.resolve("jwks.json");

    private static TestTokens provider;

    private final RsaJsonWebKey key;

    private TestTokens(String keyId) {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider whose public key is in {@link #JWKS} (written once per test JVM). */
    public static synchronized TestTokens provider() {
        if (provider == null) {
            provider = new TestTokens("test-key");
            try {
                Files.createDirectories(JWKS.getParent());
                Files.writeString(JWKS, new JsonWebKeySet(provider.key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return provider;
    }

    /** A provider nobody trusts, with the same key id as the real one. */
    public static TestTokens forger() {
        return new TestTokens("test-key");
    }

    /** A token for {@code subject}, valid for ten minutes. */
    public String token(String subject) {
        return token(subject, ISSUER, AUDIENCE, 10);
    }

    public String token(String subject, String issuer, String audience, float minutesValid) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(minutesValid);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
