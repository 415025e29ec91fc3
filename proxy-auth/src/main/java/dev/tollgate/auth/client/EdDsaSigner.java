package dev.tollgate.auth.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/**
 * EdDSA signing with the JDK's own provider (Java 15+): Nimbus's {@code Ed25519Signer} needs Google Tink, a large
 * optional dependency for one algorithm (the validator's {@code Ed25519Check} avoids it the same way).
 */
final class EdDsaSigner implements JWSSigner {
    private final PrivateKey key;
    private final JCAContext jca = new JCAContext();

    EdDsaSigner(PrivateKey key) {
        this.key = key;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        try {
            Signature signature = Signature.getInstance("EdDSA");
            signature.initSign(key);
            signature.update(signingInput);
            return Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new JOSEException("EdDSA signing failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
