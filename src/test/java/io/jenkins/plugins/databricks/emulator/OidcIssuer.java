package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OIDC issuer for tests, as Jenkins' OIDC provider plugin is one: a 2048-bit RSA key made with the JDK, its JWKS,
 * and id tokens signed RS256 (JDK {@code SHA256withRSA}) with {@code iss}, {@code aud}, {@code sub}, {@code iat},
 * {@code exp} and {@code kid} in the header. It can also sign what a real issuer would not: with another key, with
 * HS256, or with {@code alg=none}.
 */
public final class OidcIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String kid;
    private final KeyPair key;

    public OidcIssuer(String issuer, String kid) {
        this.issuer = issuer;
        this.kid = kid;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The public key as a JWKS document. */
    public String jwks() {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        ObjectNode k = JSON.createObjectNode();
        k.put("kty", "RSA");
        k.put("kid", kid);
        k.put("use", "sig");
        k.put("alg", "RS256");
        k.put("n", B64.encodeToString(unsigned(pub.getModulus())));
        k.put("e", B64.encodeToString(unsigned(pub.getPublicExponent())));
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("keys").add(k);
        return doc.toString();
    }

    /** A token from this issuer, valid from {@code now} for {@code lifetime}. */
    public String idToken(String audience, String subject, Instant now, Duration lifetime) {
        return sign("RS256", claims(issuer, audience, subject, now, lifetime));
    }

    /** Claims as a map, for a token with an odd claim set. */
    public static Map<String, Object> claims(
            String issuer, String audience, String subject, Instant now, Duration lifetime) {
        return Map.of(
                "iss",
                issuer,
                "aud",
                audience,
                "sub",
                subject,
                "iat",
                now.getEpochSecond(),
                "exp",
                now.plus(lifetime).getEpochSecond(),
                "build_number",
                42);
    }

    /** {@code alg} is RS256 (this key), HS256 (keyed with the public key's bytes, the classic confusion), or none. */
    public String sign(String alg, Map<String, Object> claims) {
        try {
            ObjectNode header = JSON.createObjectNode();
            header.put("alg", alg);
            header.put("typ", "JWT");
            header.put("kid", kid);
            String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
            byte[] signature;
            switch (alg) {
                case "RS256" -> {
                    Signature s = Signature.getInstance("SHA256withRSA");
                    s.initSign(key.getPrivate());
                    s.update(bytes);
                    signature = s.sign();
                }
                case "HS256" -> {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key.getPublic().getEncoded(), "HmacSHA256"));
                    signature = mac.doFinal(bytes);
                }
                case "none" -> signature = new byte[0];
                default -> throw new IllegalArgumentException(alg);
            }
            return input + "." + B64.encodeToString(signature);
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        if (b[0] == 0 && b.length > 1) {
            byte[] out = new byte[b.length - 1];
            System.arraycopy(b, 1, out, 0, out.length);
            return out;
        }
        return b;
    }
}
