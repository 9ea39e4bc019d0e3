package org.onegrid.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;

/**
 * Bearer tokens as the city's identity provider issues them: JWTs signed with RS256 or ES256 by a key of a JWKS
 * file (read once, no network), with the configured issuer and audience, an expiry, and a subject. Unsigned tokens
 * and shared-secret algorithms are refused whatever their header says. A token that fails stands for nobody; why is
 * not logged (the token may carry personal claims).
 */
public final class JwtTokens implements BearerTokens {

    private static final int CLOCK_SKEW_SECONDS = 30;

    private final JwtConsumer consumer;

    private JwtTokens(JwtConsumer consumer) {
        this.consumer = consumer;
    }

    /**
     * @param jwks the JWKS file of the identity provider's public keys
     * @throws ConfigProblemsException when the file is no JWKS
     */
    public static JwtTokens of(Path jwks, String issuer, String audience) {
        JsonWebKeySet keys;
        try {
            keys = new JsonWebKeySet(Files.readString(jwks));
        } catch (IOException | JoseException e) {
            throw new ConfigProblemsException(List.of(new ConfigProblem("onegrid.security.jwt.jwks",
                    "the file " + jwks + " is not a readable JWKS document.",
                    "save the identity provider's public keys there as it publishes them ({\"keys\": [...]}).")));
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .build();
        return new JwtTokens(consumer);
    }

    @Override
    public Optional<String> subject(String token) {
        try {
            return Optional.ofNullable(consumer.processToClaims(token).getSubject());
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
